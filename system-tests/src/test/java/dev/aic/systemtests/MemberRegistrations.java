package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ai-worker's handling of a load's {@code UserRegistered} integration events, seen from outside: the event
 * store says which were published, the worker's inbox ({@code processed_message}) which were taken, and the
 * worker's log which effects ran: the "Member registered" line the listener writes in the inbox's transaction,
 * with the record's partition and offset.
 */
final class MemberRegistrations {

    /** One effect in a worker's log. */
    record Applied(String eventId, int partition, long offset) {
    }

    private final Platform platform;
    private final String prefix;

    /** The registrations of the members whose usernames start with {@code prefix} (a {@link CommandLoad}'s). */
    MemberRegistrations(Platform platform, String prefix) {
        this.platform = platform;
        this.prefix = prefix;
    }

    /** Every effect {@code log} (a worker's log text) shows, of any load. */
    static List<Applied> appliedIn(String log) {
        List<Applied> applied = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (!line.contains("\"message\":\"Member registered\"")) {
                continue;
            }
            try {
                JsonNode entry = Http.JSON.readTree(line);
                applied.add(new Applied(entry.get("eventId").asText(), entry.get("partition").asInt(),
                        entry.get("offset").asLong()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable log line: " + line, e);
            }
        }
        return applied;
    }

    /**
     * Waits until every registration of the load is in the ai-worker's inbox, then checks that each one's effect ran
     * exactly once across the {@code logs} (worker name → log text); returns the figures.
     */
    String awaitAppliedOnce(Duration atMost, Map<String, String> logs) throws SQLException {
        List<String> events = eventIds();
        await("%d integration events applied by the ai-worker".formatted(events.size())).atMost(atMost)
                .pollInterval(Duration.ofMillis(500)).until(() -> inInbox() == events.size());
        Set<String> ofThisLoad = Set.copyOf(events);
        Map<String, Integer> applied = new HashMap<>();
        Map<String, Integer> perWorker = new LinkedHashMap<>();
        logs.forEach((worker, log) -> {
            int count = 0;
            for (Applied effect : appliedIn(log)) {
                if (ofThisLoad.contains(effect.eventId())) {
                    applied.merge(effect.eventId(), 1, Integer::sum);
                    count++;
                }
            }
            perWorker.put(worker, count);
        });
        List<String> notOnce = events.stream().filter(event -> applied.getOrDefault(event, 0) != 1)
                .map(event -> event + " applied " + applied.getOrDefault(event, 0) + " times").toList();
        assertThat(notOnce).as("integration events not applied exactly once (of %d)", events.size()).isEmpty();
        return ("%d UserRegistered integration events in the inbox once each and applied once each (effects per"
                + " worker: %s)").formatted(events.size(), perWorker);
    }

    /** The event ids of the load's {@code UserRegistered} events in the store. */
    List<String> eventIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (var connection = platform.database(); var statement = connection.prepareStatement("""
                SELECT eventidentifier FROM event_store.domainevententry
                WHERE payloadtype = 'dev.aic.contracts.user.UserRegistered'
                  AND convert_from(metadata, 'UTF8')::jsonb ->> 'actorSubject' LIKE ?""")) {
            statement.setString(1, "%#" + prefix + "-%");   // members register themselves: <issuer>#<username>
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    /** How many of the load's registrations the ai-worker's inbox holds. */
    long inInbox() throws SQLException {
        try (var connection = platform.database(); var statement = connection.prepareStatement("""
                SELECT count(*) FROM ai_worker.processed_message processed
                JOIN event_store.domainevententry event ON event.eventidentifier = processed.event_id
                WHERE event.payloadtype = 'dev.aic.contracts.user.UserRegistered'
                  AND convert_from(event.metadata, 'UTF8')::jsonb ->> 'actorSubject' LIKE ?""")) {
            statement.setString(1, "%#" + prefix + "-%");
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
