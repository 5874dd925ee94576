package dev.aic.commandside.document;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A document is loaded from its latest snapshot plus the events after it: each {@code
 * ChunksEmbedded} event carries a batch of chunks with their vectors (384 floats each), and every
 * report the ai-worker sends would otherwise read all of them back while it holds the document's
 * lock. The snapshot keeps only chunk indexes and statuses, so it stays small however large the
 * events are. Snapshots are taken on the snapshotter's own thread ({@code
 * CommunityEventSnapshots}).
 */
@Configuration(proxyBeanMethods = false)
class DocumentSnapshots {

    /** The bean {@link Document}'s {@code @Aggregate} names as its snapshot trigger. */
    static final String TRIGGER = "documentSnapshotTrigger";

    /**
     * Schedules a snapshot once a command has read or appended {@code snapshot-threshold} events of
     * one document.
     */
    @Bean(TRIGGER)
    SnapshotTriggerDefinition documentSnapshotTrigger(
            Snapshotter snapshotter, DocumentProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
