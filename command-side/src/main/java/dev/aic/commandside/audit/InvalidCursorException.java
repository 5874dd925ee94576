package dev.aic.commandside.audit;

/** A {@code cursor} this service did not hand out for the history being asked for. */
class InvalidCursorException extends RuntimeException {

    InvalidCursorException(String message) {
        super(message);
    }
}
