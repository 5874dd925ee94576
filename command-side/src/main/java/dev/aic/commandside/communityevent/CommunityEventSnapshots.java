package dev.aic.commandside.communityevent;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A community event is loaded from its latest snapshot plus the events after it, not from its whole
 * history: a popular event takes hundreds of RSVPs, and every command on it would otherwise replay
 * all of them while it holds the event's lock (docs/benchmarks.md, RSVP). Snapshots are rows of the
 * event store's {@code snapshotevententry} table, which every command-side instance reads. An
 * aggregate cache would not do: it lives in one instance and is stale as soon as another instance
 * changes the event.
 */
@Configuration(proxyBeanMethods = false)
class CommunityEventSnapshots {

    /** The bean {@link CommunityEvent}'s {@code @Aggregate} names as its snapshot trigger. */
    static final String TRIGGER = "communityEventSnapshotTrigger";

    /**
     * Schedules a snapshot once a command has read or appended {@code snapshot-threshold} events of
     * one event.
     */
    @Bean(TRIGGER)
    SnapshotTriggerDefinition communityEventSnapshotTrigger(
            Snapshotter snapshotter, CommunityEventProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** The reminder rule the aggregate's handlers are given, from the same prefix. */
    @Bean
    ReminderPolicy reminderPolicy(CommunityEventProperties properties) {
        return new ReminderPolicy(properties.reminderOffset());
    }

    /**
     * Axon's default snapshotter, with its own thread. The default takes the snapshot on the thread
     * of the command that triggered it, after Axon's unit of work. That thread is then still inside
     * the transaction {@code Commands} opened, holding the event's advisory lock: the snapshot's
     * replay and write would lengthen the lock, and a failed snapshot write (another instance
     * stored the same one) would abort the transaction and the command with it. On its own thread a
     * snapshot has its own transaction and reads what is committed, so it may miss the triggering
     * command's events; the next load reads them after it.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(
            org.axonframework.config.Configuration axon,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread())
                .build();
    }

    /**
     * One daemon thread, started when needed and ended when idle. Axon queues at most one snapshot
     * per event at a time, so the queue is bounded by the events in use; a snapshot cut short by a
     * shutdown is simply taken again later.
     */
    private static Executor snapshotThread() {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(
                        1,
                        1,
                        1,
                        TimeUnit.MINUTES,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread = new Thread(task, "aic-snapshotter");
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
