package dev.aic.queryside.web;

import dev.aic.web.problem.InvalidCursorProblem;

/**
 * A {@code cursor} parameter that this service did not hand out for the listing being asked for.
 */
public class InvalidCursorException extends RuntimeException implements InvalidCursorProblem {

    public InvalidCursorException(String message) {
        super(message);
    }
}
