package dev.aic.queryside.knowledge;

import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENT_CHUNKS_SEARCH;
import static dev.aic.queryside.ProjectionNames.USERS;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes members, community events and document histories straight into the event store, as the
 * command-side and the ai-worker's reports would, and waits until the query-side's processors have
 * read them.
 */
public record KnowledgeLibrary(
        EventStore eventStore, JdbcTemplate jdbc, EventProcessingConfiguration processing) {

    static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(60);

    /**
     * The model the documents suites embed with, so every suite's searchable documents share one
     * serving model.
     */
    static final EmbeddingModel MODEL = new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);

    public record Member(UserId id, String username) {

        UUID uuid() {
            return id.value();
        }
    }

    /** A chunk as a test writes it: its text, where it is, and the vector the test chose. */
    public record Chunk(String text, ChunkLocation location, float[] vector) {}

    public Member member(String displayName) {
        String username = UserEvents.newUsername();
        return new Member(
                new UserEvents(eventStore, jdbc).registerAs(username, displayName), username);
    }

    /**
     * A published community event organised by {@code organizer}, where {@code attendees} hold a
     * seat.
     */
    CommunityEventId communityEvent(Member organizer, Member... attendees) {
        CommunityEventId id = new CommunityEventId(UUID.randomUUID());
        Instant start = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        publish(
                "CommunityEvent",
                id.toString(),
                new CommunityEventEvent.Drafted(
                        id,
                        organizer.id(),
                        new Details(
                                "Study group",
                                "Papers",
                                "Room 1",
                                null,
                                List.of(),
                                Visibility.MEMBERS),
                        new Schedule(start, start.plus(Duration.ofHours(2)), null),
                        10));
        publish("CommunityEvent", id.toString(), new CommunityEventEvent.Published(id));
        for (Member attendee : attendees) {
            publish(
                    "CommunityEvent",
                    id.toString(),
                    new CommunityEventEvent.RsvpConfirmed(id, attendee.id()));
        }
        return id;
    }

    /** Uploads a document and processes its first version completely: searchable once projected. */
    public DocumentId searchable(
            Member owner,
            String title,
            List<String> tags,
            DocumentVisibility visibility,
            CommunityEventId event,
            Chunk... chunks) {
        DocumentId id = new DocumentId(UUID.randomUUID());
        publish(
                new Uploaded(
                        id,
                        1,
                        owner.id(),
                        title,
                        tags,
                        visibility,
                        event,
                        "application/pdf",
                        2048,
                        "0123456789abcdef".repeat(4),
                        "documents/" + id + "/1",
                        "document.pdf"));
        process(id, 1, chunks);
        return id;
    }

    /** The ai-worker's reports of processing a version: started, its chunks embedded, completed. */
    void process(DocumentId id, int version, Chunk... chunks) {
        embed(id, version, chunks);
        publish(new ProcessingCompleted(id, version, MODEL, chunks.length));
    }

    void embed(DocumentId id, int version, Chunk... chunks) {
        publish(new ProcessingStarted(id, version, MODEL));
        publish(new ChunksEmbedded(id, version, MODEL, embedded(chunks)));
    }

    static List<EmbeddedChunk> embedded(Chunk... chunks) {
        List<EmbeddedChunk> embedded = new ArrayList<>();
        for (int i = 0; i < chunks.length; i++) {
            Chunk chunk = chunks[i];
            embedded.add(
                    new EmbeddedChunk(
                            i,
                            chunk.text(),
                            i,
                            chunk.location(),
                            0,
                            chunk.text().length(),
                            chunk.text().split(" ").length,
                            new EmbeddingVector(chunk.vector())));
        }
        return embedded;
    }

    long publish(DocumentEvent event) {
        return publish("Document", event.documentId().toString(), event);
    }

    /** Appends the event as the aggregate's next one and returns its sequence number. */
    long publish(String type, String id, Object event) {
        long sequence = version(id) + 1;
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        type,
                        id,
                        sequence,
                        event,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        Instant.now()));
        return sequence;
    }

    long version(String aggregateId) {
        Long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        aggregateId);
        return last == null ? -1 : last;
    }

    /** Waits until every processor search reads from has read everything stored so far. */
    public void awaitProjected() {
        long head = new UserEvents(eventStore, jdbc).head();
        await().atMost(PROJECTION_DEADLINE)
                .until(
                        () ->
                                List.of(USERS, COMMUNITY_EVENTS, DOCUMENTS, DOCUMENT_CHUNKS_SEARCH)
                                        .stream()
                                        .allMatch(group -> caughtUp(group, head)));
    }

    private boolean caughtUp(String group, long head) {
        var status =
                processing
                        .eventProcessor(group, StreamingEventProcessor.class)
                        .orElseThrow()
                        .processingStatus();
        return !status.isEmpty()
                && status.values().stream()
                        .allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
    }
}
