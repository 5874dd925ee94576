package dev.aic.queryside.consistency;

import java.time.Duration;

/** The read models did not reach the requested position within the bound; the client retries later. */
public class NotYetConsistentException extends RuntimeException {

    private final long position;

    NotYetConsistentException(long position, Duration waited) {
        super("The read models have not yet reached position " + position + " after " + waited.toMillis()
                + " ms; retry with the same Consistency-Token");
        this.position = position;
    }

    public long position() {
        return position;
    }
}
