package dev.aic.commandside.web;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/** The same Idempotency-Key came with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "idempotency-key-reused",
                    "Idempotency-Key reused");

    public IdempotencyKeyReusedException() {
        super(
                "This Idempotency-Key was used for a different request; use a new key for a new request");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }
}
