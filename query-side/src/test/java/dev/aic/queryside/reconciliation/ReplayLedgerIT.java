package dev.aic.queryside.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger counts what a processor took once, a replay included: an event counts unless the
 * processor had taken it before the reset, which the reset's token says by the event's own index.
 * Axon's replay verdict is not enough: 4.13.0 calls an event a replay that was still uncommitted at
 * the reset and committed after the replay passed the reset's index ({@link ReplayOverGapsTest}).
 */
@QuerySideIntegrationTest
class ReplayLedgerIT {

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired ProcessedEventCounts counts;
    @Autowired TransactionManager transactionManager;

    @Test
    void aReplayCountsTheEventMissingAtTheResetAndNoEventTakenBeforeIt() throws Exception {
        UserEvents events = new UserEvents(eventStore, jdbc);
        UserId user = events.register("Replayed Rita");
        List<Long> stored = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stored.add(
                    events.publish(
                            new UserEvent.ProfileUpdated(
                                    user, "Rita " + i, null, List.of(), null)));
            ids.add(
                    jdbc.queryForObject(
                            "SELECT eventidentifier FROM event_store.domainevententry WHERE globalindex = ?",
                            String.class,
                            stored.get(i)));
        }
        // the processor had taken the first, third and fourth when it was reset; the second had not
        // committed yet
        GapAwareTrackingToken atReset =
                GapAwareTrackingToken.newInstance(stored.get(3), Set.of(stored.get(1)));
        GapAwareTrackingToken read = GapAwareTrackingToken.newInstance(stored.get(0) - 1, Set.of());
        TrackingToken token = ReplayToken.createReplayToken(atReset);
        Map<String, TrackingToken> delivered = new LinkedHashMap<>();
        // the replay meets them in this order: the second committed only once the replay had passed
        // the fourth
        for (int i : new int[] {0, 2, 3, 1}) {
            read = read.advanceTo(stored.get(i), Integer.MAX_VALUE);
            token = token instanceof ReplayToken replay ? replay.advancedTo(read) : read;
            delivered.put(ids.get(i), token);
        }
        String processor = "ledger-it-" + UUID.randomUUID();

        take(processor, delivered, Optional.empty());

        assertThat(counted(processor))
                .as("events counted for the replay: only the one missing at the reset")
                .isEqualTo(1);
    }

    @Test
    void anEventTheStreamDeliversAgainAfterItsBatchCountsOnce() throws Exception {
        UserEvents events = new UserEvents(eventStore, jdbc);
        UserId user = events.register("Twice Tom");
        List<Long> stored = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stored.add(
                    events.publish(
                            new UserEvent.ProfileUpdated(user, "Tom " + i, null, List.of(), null)));
            ids.add(
                    jdbc.queryForObject(
                            "SELECT eventidentifier FROM event_store.domainevententry WHERE globalindex = ?",
                            String.class,
                            stored.get(i)));
        }
        GapAwareTrackingToken first = GapAwareTrackingToken.newInstance(stored.get(0), Set.of());
        GapAwareTrackingToken second = first.advanceTo(stored.get(1), Integer.MAX_VALUE);
        GapAwareTrackingToken third = second.advanceTo(stored.get(2), Integer.MAX_VALUE);
        String processor = "ledger-it-" + UUID.randomUUID();
        Map<String, TrackingToken> firstBatch = new LinkedHashMap<>();
        firstBatch.put(ids.get(0), first);
        firstBatch.put(ids.get(1), second);
        take(processor, firstBatch, Optional.empty());

        // the embedded event store hands the second event over again, in the batch after the one
        // that took it
        Map<String, TrackingToken> secondBatch = new LinkedHashMap<>();
        secondBatch.put(ids.get(1), second);
        secondBatch.put(ids.get(2), third);
        take(processor, secondBatch, Optional.of(second));

        assertThat(counted(processor)).as("events counted: each of the three once").isEqualTo(3);
    }

    /**
     * The processor's batch in segment 0, whose stream had {@code reached} a token before it: the
     * interceptor sees each event, the ledger is written as the batch commits.
     */
    private void take(
            String processor, Map<String, TrackingToken> delivered, Optional<TrackingToken> reached)
            throws Exception {
        List<EventMessage<?>> messages = new ArrayList<>();
        delivered.forEach(
                (id, token) ->
                        messages.add(
                                new GenericTrackedEventMessage<>(
                                        token,
                                        new GenericEventMessage<>(
                                                id,
                                                "payload",
                                                Map.of(),
                                                java.time.Instant.now()))));
        ProcessedEventCounting counting =
                new ProcessedEventCounting(processor, counts, segment -> reached);
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.resources().put("Processor[" + processor + "]/SegmentId", 0);
        batch.attachTransaction(transactionManager);
        batch.executeWithResult(() -> counting.handle(batch, () -> null));
    }

    private long counted(String processor) {
        Long count =
                jdbc.queryForObject(
                        "SELECT coalesce(sum(count), 0) FROM processed_event_count WHERE processor = ?",
                        Long.class,
                        processor);
        return count == null ? 0 : count;
    }
}
