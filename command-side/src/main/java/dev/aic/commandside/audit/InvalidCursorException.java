package dev.aic.commandside.audit;

import dev.aic.web.problem.InvalidCursorProblem;

/** A {@code cursor} this service did not hand out for the history being asked for. */
class InvalidCursorException extends RuntimeException implements InvalidCursorProblem {

    InvalidCursorException(String message) {
        super(message);
    }
}
