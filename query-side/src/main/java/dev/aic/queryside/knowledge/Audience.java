package dev.aic.queryside.knowledge;

import dev.aic.queryside.document.DocumentAudience;
import dev.aic.web.security.Caller;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which chunks a caller may read: the documents' one rule ({@link DocumentAudience}) as the SQL
 * predicate of the vector search, and the same rule as the OpenSearch filter of the full-text
 * search. OpenSearch cannot join the community events' tables, so the events whose EVENT_ATTENDEES
 * documents the caller reads (organised, or a confirmed seat) are listed once per request and
 * filtered on by id.
 */
@Component
class Audience {

    private final JdbcTemplate jdbc;

    Audience(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What one caller reads. */
    record Reader(DocumentAudience audience, List<UUID> events) {

        Reader {
            events = List.copyOf(events);
        }

        boolean everything() {
            return audience.seesEverything();
        }

        Optional<UUID> userId() {
            return audience.user();
        }

        /** The SQL predicate over {@code alias}'s rows, its parameters appended to {@code args}. */
        String sql(String alias, List<Object> args) {
            DocumentAudience.Condition condition = audience.condition(alias);
            args.addAll(condition.parameters());
            return condition.sql();
        }
    }

    Reader of(Caller caller) {
        DocumentAudience audience = DocumentAudience.of(caller);
        if (audience.seesEverything() || audience.user().isEmpty()) {
            return new Reader(audience, List.of());
        }
        UUID me = audience.user().get();
        List<UUID> events =
                jdbc.queryForList(
                        """
                SELECT id FROM community_event WHERE ?::uuid = ANY (organizers)
                UNION
                SELECT event_id FROM community_event_rsvp WHERE user_id = ? AND state = 'CONFIRMED'""",
                        UUID.class,
                        me,
                        me);
        return new Reader(audience, events);
    }
}
