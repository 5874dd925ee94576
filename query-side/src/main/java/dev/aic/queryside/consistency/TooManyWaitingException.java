package dev.aic.queryside.consistency;

/** The caller, or everyone together, already has as many requests waiting for the read models as allowed. */
public class TooManyWaitingException extends RuntimeException {

    TooManyWaitingException() {
        super("Too many of your requests are waiting for the read models; retry with the same Consistency-Token");
    }
}
