package dev.aic.queryside.rebuild;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/**
 * The request does not fit the rebuild's state: one already runs, or there is none to cancel or
 * swap.
 */
class RebuildConflictException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(HttpStatus.CONFLICT, "rebuild-conflict", "Rebuild conflict");

    RebuildConflictException(String message) {
        super(message);
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }
}
