package dev.aic.queryside.consistency;

/** A {@code Consistency-Token} header that is not an event store position. */
public class InvalidConsistencyTokenException extends RuntimeException {

    InvalidConsistencyTokenException() {
        super("must be the decimal event store position a command answered with, like 1234");
    }
}
