package dev.aic.queryside.consistency;

import dev.aic.web.problem.DescribedProblem;
import dev.aic.web.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The caller, or everyone together, already has as many requests waiting for the read models as allowed. */
public class TooManyWaitingException extends RuntimeException implements DescribedProblem {

    TooManyWaitingException() {
        super("Too many of your requests are waiting for the read models; retry with the same Consistency-Token");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }

    @Override
    public String type() {
        return "too-many-waiting";
    }

    @Override
    public String title() {
        return "Too many waiting requests";
    }

    @Override
    public HttpHeaders headers() {
        return Problems.retryAfter(1);
    }
}
