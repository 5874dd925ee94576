package dev.aic.queryside.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@link Tally} of the events of each stored type the event store holds, per bucket of global
 * positions.
 */
@Component
class EventStoreCounts {

    /**
     * A payload type as the store records it; the revision can change the class an upcaster makes
     * of it.
     */
    record StoredType(String type, String revision) {}

    private final JdbcTemplate jdbc;

    EventStoreCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per bucket, the events of each type at these positions (the gaps of a token: few). */
    Map<Long, Map<StoredType, Tally>> at(Collection<Long> positions) {
        Map<Long, Map<StoredType, Tally>> counts = new HashMap<>();
        if (positions.isEmpty()) {
            return counts;
        }
        jdbc.query(
                """
                SELECT globalindex / ? AS bucket, payloadtype, payloadrevision, %s
                FROM event_store.domainevententry WHERE globalindex = ANY (?)
                GROUP BY 1, 2, 3"""
                        .formatted(Tally.OF_EVENTS),
                row -> {
                    add(counts, row);
                },
                ProcessedEventCounts.BUCKET_SIZE,
                positions.toArray(Long[]::new));
        return counts;
    }

    /**
     * Per bucket, the events of each type at positions {@code from} to {@code to}, both included.
     */
    Map<Long, Map<StoredType, Tally>> between(long from, long to) {
        Map<Long, Map<StoredType, Tally>> counts = new HashMap<>();
        if (to < from) {
            return counts;
        }
        jdbc.query(
                """
                SELECT globalindex / ? AS bucket, payloadtype, payloadrevision, %s
                FROM event_store.domainevententry WHERE globalindex BETWEEN ? AND ?
                GROUP BY 1, 2, 3"""
                        .formatted(Tally.OF_EVENTS),
                row -> {
                    add(counts, row);
                },
                ProcessedEventCounts.BUCKET_SIZE,
                from,
                to);
        return counts;
    }

    private static void add(Map<Long, Map<StoredType, Tally>> counts, ResultSet row)
            throws SQLException {
        counts.computeIfAbsent(row.getLong("bucket"), bucket -> new HashMap<>())
                .put(
                        new StoredType(
                                row.getString("payloadtype"), row.getString("payloadrevision")),
                        Tally.of(row));
    }
}
