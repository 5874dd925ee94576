package dev.aic.contracts.agenda;

import java.time.Instant;

/**
 * A half-open stretch of time, {@code [from, until)}: two periods that only touch do not overlap.
 */
public record Period(Instant from, Instant until) {

    public boolean overlaps(Period other) {
        return from.isBefore(other.until) && other.from.isBefore(until);
    }

    public boolean contains(Period other) {
        return !other.from.isBefore(from) && !other.until.isAfter(until);
    }
}
