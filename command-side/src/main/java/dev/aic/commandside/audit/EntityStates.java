package dev.aic.commandside.audit;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An entity's state at a point of its history. Its events are read from the storage engine, never
 * from a snapshot, so they pass through the upcaster chain as a command's load would; they are
 * applied to a fresh instance through the aggregate's own event-sourcing handlers, as Axon's
 * repository does, but with no event bus, no snapshot trigger and no lock: nothing is published,
 * stored or held. The state is every field of the aggregate, written by Jackson with field
 * visibility.
 */
@Component
class EntityStates {

    private final JdbcTemplate jdbc;
    private final EventStorageEngine storage;
    private final Configuration axon;
    private final ObjectMapper fields;
    private volatile Map<String, Replayable<?>> byType;

    EntityStates(
            JdbcTemplate jdbc, EventStorageEngine storage, Configuration axon, ObjectMapper json) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.axon = axon;
        this.fields =
                json.copy()
                        .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                        .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .setSerializationInclusion(JsonInclude.Include.ALWAYS);
    }

    /**
     * The state after the last event {@code include} accepts, reading in sequence order and
     * stopping at the first event it refuses; empty when it refuses the first one.
     */
    Optional<EntityState> after(String aggregateId, Predicate<DomainEventMessage<?>> include) {
        List<String> types =
                jdbc.queryForList(
                        """
                SELECT type FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber LIMIT 1""",
                        String.class,
                        aggregateId);
        if (types.isEmpty()) {
            throw new EntityNotFoundException(
                    "Nothing with id " + aggregateId + " was ever stored");
        }
        Replayable<?> replayable = replayables().get(types.get(0));
        if (replayable == null) {
            throw new EntityNotFoundException(
                    aggregateId + " is not an entity of this service (" + types.get(0) + ")");
        }
        return replay(replayable, aggregateId, include);
    }

    private Map<String, Replayable<?>> replayables() {
        if (byType == null) {
            @SuppressWarnings("unchecked")
            List<AggregateConfiguration<?>> aggregates =
                    (List<AggregateConfiguration<?>>)
                            (List<?>) axon.findModules(AggregateConfiguration.class);
            byType =
                    aggregates.stream()
                            .map(this::replayable)
                            .collect(
                                    Collectors.toUnmodifiableMap(
                                            replayable -> replayable.model().type(),
                                            Function.identity()));
        }
        return byType;
    }

    private <T> Replayable<T> replayable(AggregateConfiguration<T> aggregate) {
        Class<T> type = aggregate.aggregateType();
        return new Replayable<>(
                aggregate,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(
                        type, axon.parameterResolverFactory(), axon.handlerDefinition(type)));
    }

    private record Replayable<T>(AggregateConfiguration<T> aggregate, AggregateModel<T> model) {}

    private <T> Optional<EntityState> replay(
            Replayable<T> replayable,
            String aggregateId,
            Predicate<DomainEventMessage<?>> include) {
        DomainEventStream stored = storage.readEvents(aggregateId, 0);
        Iterator<? extends DomainEventMessage<?>> events =
                stored.asStream().takeWhile(include).iterator();
        if (!events.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = events.next();
        DomainEventMessage<?>[] last = new DomainEventMessage<?>[] {first};
        Stream<DomainEventMessage<?>> all =
                Stream.<DomainEventMessage<?>>concat(
                                Stream.of(first),
                                StreamSupport.stream(
                                        Spliterators.spliteratorUnknownSize(
                                                events, Spliterator.ORDERED),
                                        false))
                        .peek(event -> last[0] = event);
        // the handlers run as in a load: inside a unit of work, which ends without publishing
        // anything
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            T root =
                    replayable
                            .aggregate()
                            .aggregateFactory()
                            .createAggregateRoot(aggregateId, first);
            EventSourcedAggregate<T> aggregate =
                    EventSourcedAggregate.initialize(
                            root, replayable.model(), null, NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(DomainEventStream.of(all));
            return Optional.of(
                    new EntityState(
                            aggregateId,
                            replayable.model().type(),
                            last[0].getSequenceNumber(),
                            last[0].getTimestamp(),
                            fields.valueToTree(aggregate.getAggregateRoot())));
        } finally {
            unitOfWork.rollback();
        }
    }
}
