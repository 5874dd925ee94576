package dev.aic.commandside.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.web.Attribution;
import dev.aic.commandside.web.Commands;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.integration.DocumentProcessingReport;
import dev.aic.contracts.integration.DocumentProcessingReport.Completed;
import dev.aic.contracts.integration.DocumentProcessingReport.Embedded;
import dev.aic.contracts.integration.DocumentProcessingReport.Failed;
import dev.aic.contracts.integration.DocumentProcessingReport.Started;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.messaging.DeliveryAttempts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Records the ai-worker's processing reports as events of their document. Each report becomes one
 * command, sent like a REST command (in its transaction, under the document's lock) on behalf of
 * the ai-worker, and the record is acknowledged only once the command is done. Redelivered and
 * repeated reports are harmless: the document records each fact once. A failing command is retried
 * with back-off ({@link DocumentProcessingReportsConfiguration}). Every attempt is counted by
 * {@link DeliveryAttempts} before it starts: a report whose recording took the command-side down
 * too often is parked, not recorded again.
 */
@Component
class DocumentProcessingReports {

    /** Who the recorded events name as their actor and client. */
    static final String SERVICE = "ai-worker";

    private static final Logger log = LoggerFactory.getLogger(DocumentProcessingReports.class);
    private static final Map<String, Class<? extends DocumentProcessingReport>> TYPES =
            Map.of(
                    Started.class.getSimpleName(), Started.class,
                    Embedded.class.getSimpleName(), Embedded.class,
                    Completed.class.getSimpleName(), Completed.class,
                    Failed.class.getSimpleName(), Failed.class);

    private final Commands commands;
    private final ObjectMapper json;
    private final DeliveryAttempts attempts;
    private final String groupId;

    DocumentProcessingReports(
            Commands commands,
            ObjectMapper json,
            DeliveryAttempts attempts,
            DocumentProperties properties) {
        this.commands = commands;
        this.json = json;
        this.attempts = attempts;
        this.groupId = properties.processingReports().groupId();
    }

    /**
     * The consumer group, for the listener's annotation: the command-side's instances share the
     * reports between them.
     */
    public String groupId() {
        return groupId;
    }

    @KafkaListener(topics = Topics.DOCUMENT_PROCESSING, groupId = "#{__listener.groupId()}")
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
        attempts.attempt(
                record,
                () -> {
                    record(record);
                    return null;
                });
        ack.acknowledge();
    }

    private void record(ConsumerRecord<String, String> record) {
        String type = header(record, IntegrationHeaders.EVENT_TYPE);
        Class<? extends DocumentProcessingReport> reportType =
                type == null ? null : TYPES.get(type);
        if (reportType == null) {
            log.atWarn()
                    .addKeyValue("eventType", type)
                    .addKeyValue("partition", record.partition())
                    .addKeyValue("offset", record.offset())
                    .log("Processing report of an unknown type skipped");
            return;
        }
        DocumentProcessingReport report;
        try {
            report = json.readValue(record.value(), reportType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Unreadable "
                            + type
                            + " at "
                            + record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset()
                            + ": "
                            + e.getOriginalMessage(),
                    e);
        }
        Object command = command(report);
        try {
            commands.ask(
                    command,
                    report.documentId(),
                    Attribution.ofService(
                            command, SERVICE, header(record, IntegrationHeaders.EVENT_ID)));
        } catch (AggregateNotFoundException e) {
            // nothing to record it on: a document of another environment, or a report gone astray
            log.atWarn()
                    .addKeyValue("documentId", report.documentId())
                    .addKeyValue("eventType", type)
                    .addKeyValue("offset", record.offset())
                    .log("Processing report for an unknown document skipped");
        }
    }

    private static Object command(DocumentProcessingReport report) {
        DocumentId id = new DocumentId(report.documentId());
        if (report instanceof Started started) {
            return new DocumentCommands.RecordProcessingStarted(
                    id, started.version(), started.model());
        }
        if (report instanceof Embedded embedded) {
            return new DocumentCommands.RecordChunks(
                    id, embedded.version(), embedded.model(), embedded.chunks());
        }
        if (report instanceof Completed completed) {
            return new DocumentCommands.RecordProcessingCompleted(
                    id, completed.version(), completed.model(), completed.chunkCount());
        }
        Failed failed = (Failed) report;
        return new DocumentCommands.RecordProcessingFailed(
                id, failed.version(), failed.model(), failed.reason(), failed.detail());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
