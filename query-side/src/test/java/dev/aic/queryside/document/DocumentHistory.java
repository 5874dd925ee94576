package dev.aic.queryside.document;

import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.USERS;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.UserEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes document histories (and the members and community events they need) straight into the
 * event store, as the command-side's aggregates and the ai-worker's reports would, and waits for
 * the processors to read them.
 */
record DocumentHistory(
        EventStore eventStore, JdbcTemplate jdbc, EventProcessingConfiguration processing) {

    static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);
    static final EmbeddingModel MINILM =
            new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);
    static final String SHA = "0123456789abcdef".repeat(4);

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

    /** A published community event organised by {@code organizer}. */
    CommunityEventId communityEvent(Member organizer) {
        CommunityEventId id = new CommunityEventId(UUID.randomUUID());
        Instant start = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        publish(
                "CommunityEvent",
                id.toString(),
                new CommunityEventEvent.Drafted(
                        id,
                        organizer.id(),
                        new Details(
                                "Reading group",
                                "Papers",
                                "Room 1",
                                null,
                                List.of(),
                                Visibility.MEMBERS),
                        new Schedule(start, start.plus(Duration.ofHours(2)), null),
                        1));
        publish("CommunityEvent", id.toString(), new CommunityEventEvent.Published(id));
        return id;
    }

    void communityEvent(CommunityEventEvent event) {
        publish("CommunityEvent", event.eventId().toString(), event);
    }

    Uploaded uploaded(
            Member owner, String title, DocumentVisibility visibility, CommunityEventId event) {
        DocumentId id = new DocumentId(UUID.randomUUID());
        return new Uploaded(
                id,
                1,
                owner.id(),
                title,
                List.of("notes", "ml"),
                visibility,
                event,
                "application/pdf",
                2048,
                SHA,
                "documents/" + id + "/1",
                title.toLowerCase() + ".pdf");
    }

    /** Uploads a document and returns its id. */
    DocumentId upload(
            Member owner, String title, DocumentVisibility visibility, CommunityEventId event) {
        Uploaded uploaded = uploaded(owner, title, visibility, event);
        publish(uploaded);
        return uploaded.documentId();
    }

    /**
     * Appends the event as the document's next one, stamped now, and returns its global position.
     */
    long publish(DocumentEvent event) {
        return publish(event, Instant.now());
    }

    long publish(DocumentEvent event, Instant at) {
        return publish("Document", event.documentId().toString(), event, at);
    }

    private long publish(String type, String id, Object event) {
        return publish(type, id, event, Instant.now());
    }

    private long publish(String type, String id, Object event, Instant at) {
        long sequence = version(id) + 1;
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        type,
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
     * Appends a row as an earlier release stored it, {@code payload} under {@code payloadType} (a
     * class name this release may no longer have), revision 1, and returns its global position.
     */
    long publishStored(DocumentId id, String payloadType, String payload) {
        long sequence = version(id.toString()) + 1;
        jdbc.update(
                """
                INSERT INTO event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision, payloadtype,
                    timestamp, aggregateidentifier, sequencenumber, type)
                VALUES (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1', ?, ?, ?, ?, 'Document')""",
                UUID.randomUUID().toString(),
                payload,
                payloadType,
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

    long version(String aggregateId) {
        Long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        aggregateId);
        return last == null ? -1 : last;
    }

    /**
     * Chunks {@code from} to {@code to} (exclusive) of a version, each with its own 384-dimension
     * vector.
     */
    static List<EmbeddedChunk> chunks(int version, int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(
                        index -> {
                            String text =
                                    "Version "
                                            + version
                                            + ", passage "
                                            + index
                                            + " about gradient descent.";
                            return new EmbeddedChunk(
                                    index,
                                    text,
                                    index / 2,
                                    ChunkLocation.page(index / 2 + 1),
                                    0,
                                    text.length(),
                                    12,
                                    vector(version * 100 + index));
                        })
                .toList();
    }

    /**
     * A unit-free vector whose first component is {@code seed / 1000}: enough to tell chunks apart.
     */
    static EmbeddingVector vector(int seed) {
        float[] values = new float[384];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(seed + i) / 10;
        }
        values[0] = seed / 1000f;
        return new EmbeddingVector(values);
    }

    /**
     * Waits until the users', community events' and documents' processors have read everything
     * stored so far.
     */
    void awaitProjected() {
        long head = users().head();
        await().atMost(PROJECTION_DEADLINE)
                .until(
                        () ->
                                caughtUp(USERS, head)
                                        && caughtUp(COMMUNITY_EVENTS, head)
                                        && caughtUp(DOCUMENTS, head));
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
