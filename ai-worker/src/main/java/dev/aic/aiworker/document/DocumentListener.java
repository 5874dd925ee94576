package dev.aic.aiworker.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.integration.DocumentDeletedIntegrationEvent;
import dev.aic.contracts.integration.DocumentVersionReadyIntegrationEvent;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.messaging.DeliveryAttempts;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Processes each document version the command-side announces and notes deletions. A record is
 * acknowledged only after its last report (Completed or Failed) was acknowledged by the broker: if
 * the worker stops in the middle of a document, the record comes again and the document is
 * processed again from the start.
 *
 * <p>One record per poll, and a poll interval long enough for a large document ({@code
 * aic.documents.processing.max-poll-interval}); failures are retried and parked by {@link
 * DocumentKafkaConfiguration}'s error handler. Every attempt is counted by {@link DeliveryAttempts}
 * before it starts: a record whose processing took the worker down too often is parked, not
 * processed again.
 */
@Component
class DocumentListener {

    private static final Logger log = LoggerFactory.getLogger(DocumentListener.class);

    private final ObjectMapper json;
    private final DocumentVersions versions;
    private final DocumentProcessor processor;
    private final DocumentLocks locks;
    private final DeliveryAttempts attempts;
    private final String groupId;

    DocumentListener(
            ObjectMapper json,
            DocumentVersions versions,
            DocumentProcessor processor,
            DocumentLocks locks,
            DeliveryAttempts attempts,
            DocumentProcessingProperties properties) {
        this.json = json;
        this.versions = versions;
        this.processor = processor;
        this.locks = locks;
        this.attempts = attempts;
        this.groupId = properties.groupId();
    }

    /** The consumer group, for the listener's annotation. */
    public String groupId() {
        return groupId;
    }

    @KafkaListener(
            topics = Topics.DOCUMENTS,
            containerFactory = DocumentKafkaConfiguration.LISTENER_FACTORY,
            groupId = "#{__listener.groupId()}")
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
        attempts.attempt(
                record,
                () -> {
                    handle(record);
                    return null;
                });
        ack.acknowledge();
    }

    private void handle(ConsumerRecord<String, String> record) {
        String type = eventType(record);
        switch (type) {
            case "DocumentVersionReadyIntegrationEvent" -> {
                var event = read(record, DocumentVersionReadyIntegrationEvent.class);
                DocumentVersion version = DocumentVersion.of(event);
                locks.inLock(
                        version.documentId(),
                        () -> {
                            versions.record(version);
                            return processor.processCounted(version);
                        });
            }
            case "DocumentDeletedIntegrationEvent" -> {
                var event = read(record, DocumentDeletedIntegrationEvent.class);
                locks.inLock(
                        event.documentId(),
                        () -> {
                            versions.markDeleted(event.documentId());
                            return null;
                        });
                log.atInfo().addKeyValue("documentId", event.documentId()).log("Document deleted");
            }
            // a newer producer may add event types; this worker has nothing to do for them
            default ->
                    log.atDebug()
                            .addKeyValue("eventType", type)
                            .addKeyValue("offset", record.offset())
                            .log("Document event of another type skipped");
        }
    }

    private <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return json.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(
                    "Unreadable "
                            + type.getSimpleName()
                            + " at "
                            + record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset()
                            + ": "
                            + e.getOriginalMessage());
        }
    }

    static String eventType(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(IntegrationHeaders.EVENT_TYPE);
        if (header == null) {
            throw new MalformedRecordException(
                    "Record without "
                            + IntegrationHeaders.EVENT_TYPE
                            + " header at "
                            + record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset());
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record no retry can process: it goes to the dead-letter topic at once. */
    static class MalformedRecordException extends RuntimeException {

        MalformedRecordException(String message) {
            super(message);
        }
    }
}
