package dev.aic.queryside.analytics;

import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.personaldata.SubjectKeys;
import dev.aic.queryside.ProjectionNames;
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
 * Writes histories into the event store as the command-side's aggregates would, at the times a test
 * chooses, and waits for the analytics projections to have read them.
 */
record AnalyticsHistory(
        EventStore eventStore,
        JdbcTemplate jdbc,
        EventProcessingConfiguration processing,
        SubjectKeys keys) {

    static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);
    static final List<String> PROJECTIONS =
            List.of(
                    ProjectionNames.ANALYTICS_MEMBERS,
                    ProjectionNames.ANALYTICS_COMMUNITY_EVENTS,
                    ProjectionNames.ANALYTICS_RSVPS,
                    ProjectionNames.ANALYTICS_DOCUMENTS);

    UserEvents users() {
        return new UserEvents(eventStore, jdbc);
    }

    void append(Object event) {
        append(event, Instant.now());
    }

    /**
     * Appends a community event's or a document's event as its aggregate's next one, stored at
     * {@code at}.
     */
    void append(Object event, Instant at) {
        String type = event instanceof CommunityEventEvent ? "CommunityEvent" : "Document";
        String id =
                event instanceof CommunityEventEvent communityEvent
                        ? communityEvent.eventId().toString()
                        : ((DocumentEvent) event).documentId().toString();
        Long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        id);
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        type,
                        id,
                        last == null ? 0 : last + 1,
                        event,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        at));
    }

    DocumentId upload(UserId owner, String contentType, long size, Instant at) {
        DocumentId id = new DocumentId(UUID.randomUUID());
        append(
                new DocumentEvent.Uploaded(
                        id,
                        1,
                        owner,
                        "Notes of " + owner,
                        List.of("ml"),
                        DocumentVisibility.MEMBERS,
                        null,
                        contentType,
                        size,
                        "0123456789abcdef".repeat(4),
                        "documents/" + id + "/1",
                        "notes.pdf"),
                at);
        return id;
    }

    /**
     * What the command-side does in one transaction: the key becomes a tombstone and
     * UserEvent.Erased is stored.
     */
    void erase(UserId member) {
        jdbc.update(
                """
                INSERT INTO event_store.personal_data_key (subject_id, key, erased_at) VALUES (?, NULL, now())
                ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = now()""",
                member.value());
        // this instance may remember the key for aic.personal-data.key-cache-ttl; the test does not
        // wait that out
        keys.evict(member.value());
        users().publish(new UserEvent.Erased(member, "request 118"));
    }

    /** Until every analytics processor has handled the newest event of the store. */
    void awaitProjected() {
        long head = users().head();
        await().atMost(PROJECTION_DEADLINE)
                .until(
                        () ->
                                PROJECTIONS.stream()
                                        .allMatch(
                                                group -> {
                                                    StreamingEventProcessor processor =
                                                            processing
                                                                    .eventProcessor(
                                                                            group,
                                                                            StreamingEventProcessor
                                                                                    .class)
                                                                    .orElseThrow();
                                                    return !processor.processingStatus().isEmpty()
                                                            && processor
                                                                    .processingStatus()
                                                                    .values()
                                                                    .stream()
                                                                    .allMatch(
                                                                            status ->
                                                                                    status.getCurrentPosition()
                                                                                                    .orElse(
                                                                                                            -1)
                                                                                            >= head);
                                                }));
    }
}
