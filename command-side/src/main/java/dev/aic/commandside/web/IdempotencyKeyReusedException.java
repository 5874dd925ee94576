package dev.aic.commandside.web;

import dev.aic.web.problem.DescribedProblem;
import org.springframework.http.HttpStatus;

/** The same Idempotency-Key came with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException implements DescribedProblem {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a different request; use a new key for a new request");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }

    @Override
    public String type() {
        return "idempotency-key-reused";
    }

    @Override
    public String title() {
        return "Idempotency-Key reused";
    }
}
