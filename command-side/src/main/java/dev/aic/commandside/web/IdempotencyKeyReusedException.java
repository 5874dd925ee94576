package dev.aic.commandside.web;

/** The same Idempotency-Key came with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a different request; use a new key for a new request");
    }
}
