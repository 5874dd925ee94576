package dev.aic.queryside.rebuild;

import dev.aic.queryside.search.VersionedIndex;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds a projection's rebuild processor: a tracking processor named {@code <name>-rebuild} over
 * the same handler beans as the live one, starting at the beginning of the event store with a token
 * of its own, and writing the shadow tables (through the search path) or the new index generation
 * (through a unit-of-work resource that {@link VersionedIndex#target()} reads). It calls no reset
 * handler: the live model stays.
 */
@Component
class RebuildProcessors {

    private final ApplicationContext context;
    private final org.axonframework.config.Configuration axon;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final RebuildProperties properties;

    RebuildProcessors(
            ApplicationContext context,
            org.axonframework.config.Configuration axon,
            EventStore events,
            ConnectionProvider connections,
            Serializer serializer,
            TransactionManager transactions,
            JdbcTemplate jdbc,
            RebuildProperties properties) {
        this.context = context;
        this.axon = axon;
        this.events = events;
        // qualified, because the rebuild's transactions take the live schema out of the search path
        this.tokens =
                JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .serializer(serializer)
                        .schema(
                                TokenSchema.builder()
                                        .setTokenTable(ShadowSchema.LIVE + ".tokenentry")
                                        .build())
                        .build();
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** A started rebuild processor and the source it reads, which a swap bounds. */
    record Started(TrackingEventProcessor processor, BoundedEventSource source) {}

    Started start(RebuildableProjection projection, String target) {
        List<Object> handlers = handlersOf(projection.name());
        if (handlers.isEmpty()) {
            throw new IllegalStateException(
                    "No event handlers in processing group " + projection.name());
        }
        BoundedEventSource source = new BoundedEventSource(events);
        TransactionManager transactionManager =
                projection.inPostgres()
                        ? new ShadowTransactions(transactions, jdbc, target)
                        : transactions;
        TrackingEventProcessor processor =
                TrackingEventProcessor.builder()
                        .name(projection.rebuildProcessor())
                        .eventHandlerInvoker(
                                SimpleEventHandlerInvoker.builder()
                                        .eventHandlers(handlers)
                                        .parameterResolverFactory(axon.parameterResolverFactory())
                                        .handlerDefinition(
                                                axon.handlerDefinition(
                                                        AopUtils.getTargetClass(handlers.get(0))))
                                        .listenerInvocationErrorHandler(
                                                PropagatingErrorHandler.instance())
                                        .build())
                        .messageSource(source)
                        .tokenStore(tokens)
                        .transactionManager(transactionManager)
                        .trackingEventProcessorConfiguration(
                                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                        .andBatchSize(properties.batchSize())
                                        .andTokenClaimInterval(1, TimeUnit.SECONDS)
                                        .andInitialTrackingToken(
                                                StreamableMessageSource::createTailToken))
                        .build();
        if (!projection.inPostgres()) {
            processor.registerHandlerInterceptor(
                    (unitOfWork, chain) -> {
                        projection
                                .aliases()
                                .forEach(
                                        alias ->
                                                unitOfWork
                                                        .root()
                                                        .resources()
                                                        .put(
                                                                VersionedIndex.redirectKey(alias),
                                                                target));
                        return chain.proceed();
                    });
        }
        processor.start();
        return new Started(processor, source);
    }

    private List<Object> handlersOf(String processingGroup) {
        return context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .filter(
                        bean -> {
                            ProcessingGroup group =
                                    AnnotationUtils.findAnnotation(
                                            AopUtils.getTargetClass(bean), ProcessingGroup.class);
                            return group != null && group.value().equals(processingGroup);
                        })
                .toList();
    }
}
