package dev.aic.queryside.document;

import dev.aic.web.problem.DescribedProblem;
import dev.aic.web.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The caller, or everyone together, already has as many status streams open as allowed. */
public class TooManyStreamsException extends RuntimeException implements DescribedProblem {

    TooManyStreamsException() {
        super("Too many status streams are open; close one, or read the document's status instead");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }

    @Override
    public String type() {
        return "too-many-streams";
    }

    @Override
    public String title() {
        return "Too many status streams";
    }

    @Override
    public HttpHeaders headers() {
        return Problems.retryAfter(5);
    }
}
