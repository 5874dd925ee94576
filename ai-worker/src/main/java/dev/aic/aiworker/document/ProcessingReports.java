package dev.aic.aiworker.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.integration.DocumentProcessingReport;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes processing reports on {@link Topics#DOCUMENT_PROCESSING} and waits for the broker to
 * acknowledge each, so that the input record is acknowledged only after everything it produced is
 * stored.
 *
 * <p>A report's event id is derived from what it reports (document, version, model, kind, first
 * chunk), so a version processed again yields the same ids and the command-side recognises what it
 * already has.
 */
@Component
class ProcessingReports {

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final DocumentProcessingProperties properties;

    ProcessingReports(
            KafkaTemplate<String, String> kafka,
            ObjectMapper json,
            DocumentProcessingProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
    }

    /**
     * @param position tells reports of one kind apart: the first chunk of an Embedded batch, 0
     *     otherwise
     */
    void publish(DocumentProcessingReport report, int position) {
        String kind = report.getClass().getSimpleName();
        ProducerRecord<String, String> record =
                new ProducerRecord<>(
                        Topics.DOCUMENT_PROCESSING,
                        report.documentId().toString(),
                        serialise(report));
        record.headers().add(IntegrationHeaders.EVENT_TYPE, kind.getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        IntegrationHeaders.EVENT_ID,
                        eventId(report, kind, position).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReportNotSentException(
                    kind
                            + " report of "
                            + report.documentId()
                            + " v"
                            + report.version()
                            + " was not acknowledged: "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportNotSentException(
                    kind
                            + " report of "
                            + report.documentId()
                            + " v"
                            + report.version()
                            + " was interrupted",
                    e);
        }
    }

    static String eventId(DocumentProcessingReport report, String kind, int position) {
        String fingerprint = report.model() == null ? "" : report.model().fingerprint();
        String name =
                report.documentId()
                        + ":"
                        + report.version()
                        + ":"
                        + fingerprint
                        + ":"
                        + kind
                        + ":"
                        + position;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String serialise(DocumentProcessingReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "A "
                            + report.getClass().getSimpleName()
                            + " report cannot be written as "
                            + "JSON",
                    e);
        }
    }

    /** The broker did not take a report: processing is retried from the start. */
    static class ReportNotSentException extends RuntimeException {

        ReportNotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
