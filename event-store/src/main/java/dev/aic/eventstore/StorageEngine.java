package dev.aic.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageEngine {

    /** Events per read, of an aggregate or of the stream: Axon's default. */
    private static final int BATCH_SIZE = 100;

    /**
     * Axon's default handler logs a failing event and moves on, which would silently drop an
     * integration event or a projection update. Propagating makes the streaming processor keep its
     * token and retry with back-off instead. Every query-side projection also has a dead-letter
     * queue: a failure about the event parks it there; only a transient failure reaches the
     * processor.
     */
    @Bean
    ConfigurerModule propagateEventHandlerErrors() {
        return configurer ->
                configurer
                        .eventProcessing()
                        .registerDefaultListenerInvocationErrorHandler(
                                config -> PropagatingErrorHandler.instance());
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, with the gap settings of {@link
     * EventStoreProperties} (the auto-configuration has no property for them). Where a service
     * replaces Axon's event store, the auto-configuration declares neither the exception resolver
     * nor the schema: then they are the ones it would.
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            ObjectProvider<PersistenceExceptionResolver> persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            ObjectProvider<EventSchema> eventSchema,
            EventStoreProperties gaps) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(
                        persistenceExceptionResolver.getIfAvailable(JdbcSQLErrorCodesResolver::new))
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema.getIfAvailable(EventSchema::new))
                .batchSize(BATCH_SIZE)
                // an aggregate's sequence numbers have no gaps (events are never deleted: no
                // service
                // role may, and the audit chain would show it), so a batch shorter than asked for
                // is
                // its last; Axon's JDBC default asks again until a batch comes back empty, one
                // round
                // trip more for every aggregate loaded (docs/benchmarks.md, "SQL per command")
                .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE)
                .gapTimeout(Math.toIntExact(gaps.gapTimeout().toMillis()))
                .gapCleaningThreshold(gaps.gapCleaningThreshold())
                .build();
    }
}
