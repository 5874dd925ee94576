package dev.aic.aiworker.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.aiworker.embedding.EmbeddingModelVersion;
import dev.aic.aiworker.embedding.EmbeddingModels;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.integration.DocumentProcessingReport.Failed;
import dev.aic.contracts.integration.DocumentVersionReadyIntegrationEvent;
import dev.aic.messaging.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.stereotype.Component;

/**
 * Tells the uploader that a version could not be processed after every retry ({@code
 * PROCESSING_ERROR}), or that processing it took the worker down too often ({@code
 * WORKER_CRASHED}), before the record is parked in the dead-letter topic. Records that announce no
 * version (a deletion, unreadable JSON) are parked without a report.
 */
@Component
class FailedProcessingReporter {

    private static final Logger log = LoggerFactory.getLogger(FailedProcessingReporter.class);

    private final ObjectMapper json;
    private final EmbeddingModels models;
    private final ProcessingReports reports;
    private final DocumentVersions versions;

    FailedProcessingReporter(
            ObjectMapper json,
            EmbeddingModels models,
            ProcessingReports reports,
            DocumentVersions versions) {
        this.json = json;
        this.models = models;
        this.reports = reports;
        this.versions = versions;
    }

    /**
     * A version whose processing took the worker down too often: reported, and noted as a run of
     * the active model so that the re-embedding job, which processes every version without one,
     * does not take it up again.
     */
    void reportCrashed(DocumentVersion version, PoisonRecordException crash) {
        EmbeddingModelVersion model = models.active().model();
        reports.publish(
                new Failed(
                        version.documentId(),
                        version.version(),
                        new EmbeddingModel(model.name(), model.fingerprint(), model.dimension()),
                        ProcessingFailureReason.WORKER_CRASHED,
                        crash.getMessage()),
                0);
        versions.recordRun(
                version,
                model,
                DocumentVersions.Outcome.FAILED,
                ProcessingFailureReason.WORKER_CRASHED,
                null);
    }

    void report(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause =
                exception instanceof ListenerExecutionFailedException
                                && exception.getCause() != null
                        ? exception.getCause()
                        : exception;
        DocumentVersionReadyIntegrationEvent event = versionReady(record);
        log.atError()
                .setCause(cause)
                .addKeyValue("topic", record.topic())
                .addKeyValue("partition", record.partition())
                .addKeyValue("offset", record.offset())
                .addKeyValue("documentId", event == null ? null : event.documentId())
                .log("Document record failed after all retries; parked in the dead-letter topic");
        if (event == null) {
            return;
        }
        String detail =
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        try {
            if (cause instanceof PoisonRecordException crash) {
                reportCrashed(DocumentVersion.of(event), crash);
                return;
            }
            EmbeddingModelVersion model = models.active().model();
            reports.publish(
                    new Failed(
                            event.documentId(),
                            event.version(),
                            new EmbeddingModel(
                                    model.name(), model.fingerprint(), model.dimension()),
                            ProcessingFailureReason.PROCESSING_ERROR,
                            detail),
                    0);
        } catch (RuntimeException e) {
            // the model that cannot load, or the broker that is down, must not keep the record from
            // its dead letter
            log.atError()
                    .setCause(e)
                    .addKeyValue("documentId", event.documentId())
                    .log("Failed report of a parked document version not published");
        }
    }

    private DocumentVersionReadyIntegrationEvent versionReady(ConsumerRecord<?, ?> record) {
        try {
            if (!"DocumentVersionReadyIntegrationEvent".equals(DocumentListener.eventType(record))
                    || !(record.value() instanceof String value)) {
                return null;
            }
            return json.readValue(value, DocumentVersionReadyIntegrationEvent.class);
        } catch (DocumentListener.MalformedRecordException | java.io.IOException e) {
            return null;
        }
    }
}
