package dev.aic.commandside.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.ProcessorNames;
import dev.aic.commandside.eventstore.EventIndexes;
import dev.aic.contracts.agenda.AgendaEvent.SolveRequested;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.integration.AgendaSolveRequestedIntegrationEvent;
import dev.aic.contracts.integration.DocumentDeletedIntegrationEvent;
import dev.aic.contracts.integration.DocumentVersionReadyIntegrationEvent;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.MemberErasedIntegrationEvent;
import dev.aic.contracts.integration.Topics;
import dev.aic.contracts.integration.UserRegisteredIntegrationEvent;
import dev.aic.contracts.user.UserEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes committed events to Kafka as integration events. It reads the event store through a
 * streaming processor, so only committed events are published, and its token advances only after
 * the broker acknowledged the record: delivery is at least once, and consumers de-duplicate on the
 * event id.
 */
@Component
@ProcessingGroup(ProcessorNames.KAFKA_PUBLISHER)
class IntegrationEventPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final EventIndexes indexes;

    IntegrationEventPublisher(
            KafkaTemplate<String, String> kafka, ObjectMapper json, EventIndexes indexes) {
        this.kafka = kafka;
        this.json = json;
        this.indexes = indexes;
    }

    @EventHandler
    void on(UserEvent.Registered event, EventMessage<?> message, @Timestamp Instant at) {
        var integrationEvent = new UserRegisteredIntegrationEvent(event.userId().value(), at);
        publish(Topics.USERS, event.userId().toString(), integrationEvent, message);
    }

    /** Consumers forget what they keep under the member's id. */
    @EventHandler
    void on(UserEvent.Erased event, EventMessage<?> message, @Timestamp Instant at) {
        publish(
                Topics.USERS,
                event.userId().toString(),
                new MemberErasedIntegrationEvent(event.userId().value(), at),
                message);
    }

    @EventHandler
    void on(Uploaded event, EventMessage<?> message) {
        versionReady(
                event.documentId(),
                event.version(),
                event.contentType(),
                event.sha256(),
                event.storageKey(),
                event.sizeBytes(),
                message);
    }

    @EventHandler
    void on(VersionAdded event, EventMessage<?> message) {
        versionReady(
                event.documentId(),
                event.version(),
                event.contentType(),
                event.sha256(),
                event.storageKey(),
                event.sizeBytes(),
                message);
    }

    /** The version is ready again: the ai-worker processes it as it did the first time. */
    @EventHandler
    void on(ReprocessingRequested event, EventMessage<?> message) {
        versionReady(
                event.documentId(),
                event.version(),
                event.contentType(),
                event.sha256(),
                event.storageKey(),
                event.sizeBytes(),
                message);
    }

    @EventHandler
    void on(Deleted event, EventMessage<?> message) {
        publish(
                Topics.DOCUMENTS,
                event.documentId().toString(),
                new DocumentDeletedIntegrationEvent(event.documentId().value()),
                message);
    }

    /** The ai-worker's solver gets the agenda exactly as the request recorded it. */
    @EventHandler
    void on(SolveRequested event, EventMessage<?> message) {
        publish(
                Topics.AGENDA_SOLVE_REQUESTS,
                event.agendaId().toString(),
                new AgendaSolveRequestedIntegrationEvent(
                        event.agendaId().value(),
                        event.solveId(),
                        event.timeBudgetSeconds(),
                        event.plan()),
                message);
    }

    private void versionReady(
            DocumentId document,
            int version,
            String contentType,
            String sha256,
            String storageKey,
            long sizeBytes,
            EventMessage<?> source) {
        publish(
                Topics.DOCUMENTS,
                document.toString(),
                new DocumentVersionReadyIntegrationEvent(
                        document.value(), version, contentType, sha256, storageKey, sizeBytes),
                source);
    }

    private void publish(
            String topic, String key, Record integrationEvent, EventMessage<?> source) {
        var record = new ProducerRecord<String, String>(topic, key, toJson(integrationEvent));
        record.headers().add(IntegrationHeaders.EVENT_ID, bytes(source.getIdentifier()));
        record.headers()
                .add(
                        IntegrationHeaders.EVENT_TYPE,
                        bytes(integrationEvent.getClass().getSimpleName()));
        indexes.of(source)
                .ifPresent(
                        position ->
                                record.headers()
                                        .add(
                                                IntegrationHeaders.GLOBAL_POSITION,
                                                bytes(Long.toString(position))));
        try {
            kafka.send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while publishing " + source.getIdentifier(), e);
        } catch (ExecutionException | TimeoutException e) {
            // rethrown so that the processor keeps its token and retries this event with back-off
            throw new IllegalStateException(
                    "Kafka did not acknowledge event " + source.getIdentifier(), e);
        }
    }

    private String toJson(Record integrationEvent) {
        try {
            return json.writeValueAsString(integrationEvent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + integrationEvent, e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
