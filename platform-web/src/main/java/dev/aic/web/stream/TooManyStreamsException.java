package dev.aic.web.stream;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.Problems;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The caller, or everyone together, already has as many status streams open as {@link
 * PolledStreams} allows.
 */
public class TooManyStreamsException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(
                    HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many status streams");

    TooManyStreamsException() {
        super("Too many status streams are open; close one, or read the status instead");
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
    }

    @Override
    public HttpHeaders headers() {
        return Problems.retryAfter(5);
    }
}
