package dev.aic.queryside.communityevent;

import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.USERS;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.UserEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes community event histories straight into the event store, as the command-side's aggregate
 * would, and waits for the query-side's processors to have read them.
 */
record CommunityEventHistory(
        EventStore eventStore, JdbcTemplate jdbc, EventProcessingConfiguration processing) {

    static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    UserEvents users() {
        return new UserEvents(eventStore, jdbc);
    }

    /** A registered member, linked to a fresh username of the development identity provider. */
    Member member(String displayName) {
        String username = UserEvents.newUsername();
        return new Member(users().registerAs(username, displayName), username);
    }

    record Member(UserId id, String username) {

        UUID uuid() {
            return id.value();
        }
    }

    static Details details(String title, String venue, String onlineLink, List<String> tags) {
        return new Details(title, "About " + title, venue, onlineLink, tags, Visibility.MEMBERS);
    }

    static Schedule schedule(Instant startsAt, String timeZone) {
        return new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), timeZone);
    }

    /** A drafted event, and published unless {@code publish} is false. */
    CommunityEventId create(
            Member organizer, Details details, Schedule schedule, int capacity, boolean publish) {
        CommunityEventId id = new CommunityEventId(UUID.randomUUID());
        publish(new CommunityEventEvent.Drafted(id, organizer.id(), details, schedule, capacity));
        if (publish) {
            publish(new CommunityEventEvent.Published(id));
        }
        return id;
    }

    /** Appends the event as the aggregate's next one and returns its global position. */
    long publish(CommunityEventEvent event) {
        String id = event.eventId().toString();
        long sequence = version(event.eventId()) + 1;
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        "CommunityEvent",
                        id,
                        sequence,
                        event,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        Instant.now()));
        return jdbc.queryForObject(
                """
                SELECT globalindex FROM event_store.domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = ?""",
                Long.class,
                id,
                sequence);
    }

    /**
     * Stores an event as an earlier release of the command-side wrote it: {@code json} under
     * payload type {@code type} and {@code revision}, as the aggregate's next event, so readers
     * meet it only through the upcasters.
     */
    long publishStored(CommunityEventId id, Class<?> type, String revision, String json) {
        long sequence = version(id) + 1;
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), ?, ?, ?, ?, ?, 'CommunityEvent')""",
                UUID.randomUUID().toString(),
                json,
                revision,
                type.getName(),
                Instant.now().toString(),
                id.toString(),
                sequence);
        return jdbc.queryForObject(
                """
                SELECT globalindex FROM event_store.domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = ?""",
                Long.class,
                id.toString(),
                sequence);
    }

    long version(CommunityEventId id) {
        Long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        id.toString());
        return last == null ? -1 : last;
    }

    /**
     * Waits until the users' and the community events' processors have read everything stored so
     * far.
     */
    void awaitProjected() {
        long head = users().head();
        await().atMost(PROJECTION_DEADLINE)
                .until(() -> caughtUp(USERS, head) && caughtUp(COMMUNITY_EVENTS, head));
    }

    StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }

    boolean caughtUp(String group, long head) {
        var status = processor(group).processingStatus();
        return !status.isEmpty()
                && status.values().stream()
                        .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
    }
}
