package dev.aic.queryside.projection;

import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/** The query-side's projections by processor name, with their kind and their dead-letter queue. */
@Component
class ProjectionCatalog {

    private final ProcessingGroups groups;
    private final ProjectionKinds kinds;
    private final EventProcessingConfiguration processing;

    ProjectionCatalog(
            ConfigurableListableBeanFactory beans, EventProcessingConfiguration processing) {
        this.groups = ProcessingGroups.of(beans);
        this.kinds = new ProjectionKinds(beans, groups);
        this.processing = processing;
    }

    Set<String> names() {
        return groups.names();
    }

    boolean contains(String processor) {
        return groups.contains(processor);
    }

    ProjectionKind kind(String processor) {
        return kinds.of(processor);
    }

    /**
     * The processor's queue; an {@link UnknownProjectionException} for a name that is not a
     * projection.
     */
    SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return processing
                .deadLetterQueue(known(processor))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "Projection " + processor + " has no dead-letter queue"));
    }

    SequencedDeadLetterProcessor<EventMessage<?>> retrier(String processor) {
        return processing
                .sequencedDeadLetterProcessor(known(processor))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "Projection " + processor + " has no dead-letter queue"));
    }

    String known(String processor) {
        if (!contains(processor)) {
            throw new UnknownProjectionException(processor);
        }
        return processor;
    }
}
