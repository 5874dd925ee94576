package dev.aic.queryside.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * Gives every processing group a JDBC dead-letter queue ({@code deadletterentry}, Flyway V6) with
 * the {@link ParkUnlessTransient} policy. Runs after Axon's own module, which would give a queue
 * only to processors listed with {@code dlq.enabled} in the properties: here a projection added
 * later has one without any setting.
 */
final class DeadLetteringModule implements ConfigurerModule {

    private final ProcessingGroups groups;
    private final ConnectionProvider connections;
    private final DeadLetterProperties properties;

    DeadLetteringModule(
            ProcessingGroups groups,
            ConnectionProvider connections,
            DeadLetterProperties properties) {
        this.groups = groups;
        this.connections = connections;
        this.properties = properties;
    }

    @Override
    public void configureModule(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        processing
                .registerDeadLetterQueueProvider(group -> config -> queue(group, config))
                .registerDefaultDeadLetterPolicy(config -> new ParkUnlessTransient());
        // A reset (a rebuild replays everything into an emptied read model) empties the group's
        // queue as well:
        // the replay meets the poison events again and parks them afresh, instead of next to their
        // old letters.
        // The cache remembers, per segment, which aggregates are certainly not parked, so that the
        // common case
        // costs no query per event; only the segment's owner parks its events, so it cannot go
        // stale.
        groups.names()
                .forEach(
                        group ->
                                processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                                        group,
                                        (config, invoker) ->
                                                invoker.allowReset(true)
                                                        .enableSequenceIdentifierCache()));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group, Configuration config) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group)
                .connectionProvider(connections)
                .transactionManager(config.getComponent(TransactionManager.class))
                .schema(DeadLetterSchema.defaultSchema())
                .genericSerializer(config.serializer())
                .eventSerializer(config.eventSerializer())
                .maxSequences(properties.maxSequences())
                .maxSequenceSize(properties.maxSequenceSize())
                .claimDuration(properties.claimDuration())
                .build();
    }

    /**
     * After Axon's {@code DeadLetterQueueProviderConfigurerModule} (order 0): the last provider
     * registered wins.
     */
    @Override
    public int order() {
        return 1;
    }
}
