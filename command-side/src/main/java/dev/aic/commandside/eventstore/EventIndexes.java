package dev.aic.commandside.eventstore;

import java.util.OptionalLong;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An event's own global index, read from the store by the event's identifier (unique there). A
 * processor's tracking token is no substitute: PostgreSQL hands indexes out at insert and shows
 * them at commit, so an event can commit after higher ones, and the gap-aware token of such an
 * event stands at the furthest index seen, not at its own.
 */
@Component
public class EventIndexes {

    private final JdbcTemplate jdbc;

    EventIndexes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored event's global index; empty for a message that was never stored (a test's, a dead
     * letter's).
     */
    public OptionalLong of(EventMessage<?> event) {
        return jdbc
                .queryForList(
                        "SELECT globalindex FROM domainevententry WHERE eventidentifier = ?",
                        Long.class,
                        event.getIdentifier())
                .stream()
                .mapToLong(Long::longValue)
                .findFirst();
    }
}
