package dev.aic.queryside.reconciliation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger: per processor and bucket of {@value #BUCKET_SIZE} global positions, the {@link Tally}
 * of the events the processor took. Written only inside a processor's transaction, so it moves
 * exactly with the processor's token.
 */
@Component
class ProcessedEventCounts {

    static final long BUCKET_SIZE = 10_000;

    private final JdbcTemplate jdbc;

    ProcessedEventCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static long bucketOf(long globalIndex) {
        return globalIndex / BUCKET_SIZE;
    }

    static long startOf(long bucket) {
        return bucket * BUCKET_SIZE;
    }

    /**
     * Counts the events with these identifiers for {@code processor}, each in the bucket of its
     * global position, except those {@code before} a reset says the processor had taken (and
     * counted) already and those its stream had {@code delivered} before. The position is looked up
     * rather than taken from the event's tracking token: the token of an event that filled a gap
     * carries the processor's furthest position, not the event's.
     */
    void add(
            String processor,
            Collection<String> eventIdentifiers,
            ProcessedEventCounting.TakenBefore before,
            ProcessedEventCounting.TakenBefore delivered) {
        if (eventIdentifiers.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                INSERT INTO processed_event_count (processor, bucket, count, checksum)
                SELECT ?, globalindex / ?, count(*), sum(hashtextextended(eventidentifier, 0))
                FROM event_store.domainevententry WHERE eventidentifier = ANY (?)
                  AND NOT (globalindex <= ? AND globalindex <> ALL (?))
                  AND NOT (globalindex <= ? AND globalindex <> ALL (?)) GROUP BY 2
                ON CONFLICT (processor, bucket) DO UPDATE SET count = processed_event_count.count + EXCLUDED.count,
                    checksum = processed_event_count.checksum + EXCLUDED.checksum""",
                processor,
                BUCKET_SIZE,
                eventIdentifiers.toArray(String[]::new),
                before.index(),
                before.gaps().toArray(Long[]::new),
                delivered.index(),
                delivered.gaps().toArray(Long[]::new));
    }

    Map<Long, Tally> of(String processor) {
        Map<Long, Tally> taken = new HashMap<>();
        jdbc.query(
                "SELECT bucket, count AS events, checksum FROM processed_event_count WHERE processor = ?",
                row -> {
                    taken.put(row.getLong("bucket"), Tally.of(row));
                },
                processor);
        return taken;
    }

    /**
     * Forgets what {@code processor} took from {@code bucket} on: it is about to take those events
     * again.
     */
    void clearFrom(String processor, long bucket) {
        jdbc.update(
                "DELETE FROM processed_event_count WHERE processor = ? AND bucket >= ?",
                processor,
                bucket);
    }
}
