package dev.aic.queryside.document;

/** The caller, or everyone together, already has as many status streams open as allowed. */
public class TooManyStreamsException extends RuntimeException {

    TooManyStreamsException() {
        super("Too many status streams are open; close one, or read the document's status instead");
    }
}
