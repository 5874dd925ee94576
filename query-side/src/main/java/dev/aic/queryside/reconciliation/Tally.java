package dev.aic.queryside.reconciliation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Some events, counted and summed by the 64-bit hashes of their identifiers ({@code
 * hashtextextended}): two sets of events with the same count are the same events only if their sums
 * agree too, so an event taken twice cannot hide one never taken.
 */
record Tally(long count, BigDecimal checksum) {

    static final Tally NONE = new Tally(0, BigDecimal.ZERO);

    /** The SQL of a tally over {@code domainevententry} rows. */
    static final String OF_EVENTS =
            "count(*) AS events, sum(hashtextextended(eventidentifier, 0)) AS checksum";

    static Tally of(ResultSet row) throws SQLException {
        return new Tally(row.getLong("events"), row.getBigDecimal("checksum"));
    }

    Tally plus(Tally other) {
        return new Tally(count + other.count, checksum.add(other.checksum));
    }

    Tally minus(Tally other) {
        return new Tally(count - other.count, checksum.subtract(other.checksum));
    }

    boolean sameEventsAs(Tally other) {
        return count == other.count && checksum.compareTo(other.checksum) == 0;
    }
}
