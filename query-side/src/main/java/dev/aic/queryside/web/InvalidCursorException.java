package dev.aic.queryside.web;

/** A {@code cursor} parameter that this service did not hand out for the listing being asked for. */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String message) {
        super(message);
    }
}
