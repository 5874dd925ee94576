package dev.aic.queryside;

import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.DevIdentity;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes user events straight into the event store, as the command-side would, and reports where
 * they landed: the user's version (sequence number) and the global position a command would answer
 * as its {@code Consistency-Token}.
 */
public record UserEvents(EventStore eventStore, JdbcTemplate jdbc) {

    /** A registered user with a fresh id and an address derived from it. */
    public UserId register(String displayName) {
        return register(displayName, Instant.now());
    }

    public UserId register(String displayName, Instant at) {
        UserId id = new UserId(UUID.randomUUID());
        publish(new UserEvent.Registered(id, emailOf(id), displayName), at);
        return id;
    }

    /** Registers a user and links them to {@code username} of the development identity provider. */
    public UserId registerAs(String username, String displayName) {
        UserId id = register(displayName);
        publish(new UserEvent.IdentityLinked(id, DevIdentity.start().issuerUri(), username));
        return id;
    }

    /** Appends the event as the user's next one and returns its global position. */
    public long publish(UserEvent event) {
        return publish(event, Instant.now());
    }

    public long publish(UserEvent event, Instant at) {
        String id = event.userId().toString();
        long sequence = version(event.userId()) + 1;
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        "User",
                        id,
                        sequence,
                        event,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        at));
        return jdbc.queryForObject(
                """
                SELECT globalindex FROM event_store.domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = ?""",
                Long.class,
                id,
                sequence);
    }

    /**
     * Appends a row as an earlier release stored it, {@code payload} under the type name it had
     * then, as the user's next event; returns its global position.
     */
    public long publishStored(UserId user, String payloadType, byte[] payload) {
        long sequence = version(user) + 1;
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), ?, '1', ?, ?, ?, ?, 'User')""",
                UUID.randomUUID().toString(),
                payload,
                payloadType,
                Instant.now().toString(),
                user.toString(),
                sequence);
        return jdbc.queryForObject(
                """
                SELECT globalindex FROM event_store.domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = ?""",
                Long.class,
                user.toString(),
                sequence);
    }

    /** The sequence number of the user's last event, -1 for none. */
    public long version(UserId id) {
        Long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        id.toString());
        return last == null ? -1 : last;
    }

    /** The position of the newest event in the store. */
    public long head() {
        Long head =
                jdbc.queryForObject(
                        "SELECT max(globalindex) FROM event_store.domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    public static String emailOf(UserId id) {
        return "member-" + id + "@example.org";
    }

    /** A username of the development identity provider's open directory that no other test uses. */
    public static String newUsername() {
        return "u"
                + UUID.randomUUID()
                        .toString()
                        .replace("-", "")
                        .substring(0, 16)
                        .toLowerCase(Locale.ROOT);
    }

    public static Map<String, String> consistencyToken(long position) {
        return Map.of("Consistency-Token", Long.toString(position));
    }
}
