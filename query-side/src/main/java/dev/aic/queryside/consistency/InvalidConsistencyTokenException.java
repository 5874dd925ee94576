package dev.aic.queryside.consistency;

import dev.aic.web.http.ApiHeaders;
import dev.aic.web.problem.InvalidFieldProblem;

/** A {@code Consistency-Token} header that is not an event store position. */
public class InvalidConsistencyTokenException extends RuntimeException
        implements InvalidFieldProblem {

    InvalidConsistencyTokenException() {
        super("must be the decimal event store position a command answered with, like 1234");
    }

    @Override
    public String field() {
        return ApiHeaders.CONSISTENCY_TOKEN;
    }
}
