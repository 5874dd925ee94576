package dev.aic.queryside.consistency;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.Problems;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The caller, or everyone together, already has as many requests waiting for the read models as
 * allowed.
 */
public class TooManyWaitingException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(
                    HttpStatus.TOO_MANY_REQUESTS, "too-many-waiting", "Too many waiting requests");

    TooManyWaitingException() {
        super(
                "Too many of your requests are waiting for the read models; retry with the same Consistency-Token");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }

    @Override
    public HttpHeaders headers() {
        return Problems.retryAfter(1);
    }
}
