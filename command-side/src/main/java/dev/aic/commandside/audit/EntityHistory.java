package dev.aic.commandside.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.personaldata.PersonalDataSerializer;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An entity's stored events in sequence order, a page at a time (keyset on the sequence number).
 */
@Component
class EntityHistory {

    private final JdbcTemplate jdbc;
    private final PersonalDataSerializer serializer;
    private final ObjectMapper json;

    EntityHistory(JdbcTemplate jdbc, PersonalDataSerializer serializer, ObjectMapper json) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.json = json;
    }

    EventPage page(String aggregateId, String cursor, int limit) {
        long after = HistoryCursor.resumeAfter(cursor, aggregateId);
        // one more than asked tells whether another page follows
        List<StoredEvent> events =
                jdbc.query(
                        "SELECT "
                                + StoredEvent.COLUMNS
                                + """
                 FROM domainevententry e WHERE e.aggregateidentifier = ? AND e.sequencenumber > ?
                ORDER BY e.sequencenumber LIMIT ?""",
                        (row, n) -> StoredEvent.read(row, 1),
                        aggregateId,
                        after,
                        limit + 1);
        if (events.isEmpty() && after < 0) {
            throw new EntityNotFoundException(
                    "Nothing with id " + aggregateId + " was ever stored");
        }
        boolean more = events.size() > limit;
        List<StoredEvent> page = more ? events.subList(0, limit) : events;
        String next =
                more
                        ? HistoryCursor.after(
                                aggregateId, page.get(page.size() - 1).sequenceNumber())
                        : null;
        return new EventPage(
                page.stream().map(event -> AuditedEvent.of(event, serializer, json)).toList(),
                next);
    }
}
