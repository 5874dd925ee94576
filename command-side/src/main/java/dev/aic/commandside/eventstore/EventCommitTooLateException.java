package dev.aic.commandside.eventstore;

import java.time.Duration;
import java.time.Instant;

/**
 * A unit of work held its events too long to commit them safely; it rolls back, and the command can
 * be retried.
 */
class EventCommitTooLateException extends IllegalStateException {

    EventCommitTooLateException(Instant oldest, Duration waited, Duration deadline) {
        super(
                "Not committing events stamped "
                        + oldest
                        + ": "
                        + waited
                        + " later, past the commit deadline of "
                        + deadline
                        + " (aic.event-store.commit-deadline)");
    }
}
