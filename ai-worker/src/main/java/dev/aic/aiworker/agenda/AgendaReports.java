package dev.aic.aiworker.agenda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.integration.AgendaSolveReport;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes solve reports on {@link Topics#AGENDA_SOLVE_REPORTS}, keyed by agenda id so one solve's
 * reports stay in order, and waits for the broker's acknowledgement. A report's event id follows
 * from what it reports (solve, kind, elapsed time), so the command-side's attribution names it.
 */
@Component
class AgendaReports {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;

    AgendaReports(KafkaTemplate<String, String> kafka, ObjectMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    void publish(AgendaSolveReport report) {
        String kind = report.getClass().getSimpleName();
        long position =
                report instanceof AgendaSolveReport.Progressed progressed
                        ? progressed.elapsedMillis()
                        : 0;
        var record =
                new ProducerRecord<String, String>(
                        Topics.AGENDA_SOLVE_REPORTS,
                        report.agendaId().toString(),
                        serialise(report));
        record.headers().add(IntegrationHeaders.EVENT_TYPE, kind.getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        IntegrationHeaders.EVENT_ID,
                        UUID.nameUUIDFromBytes(
                                        (report.solveId() + ":" + kind + ":" + position)
                                                .getBytes(StandardCharsets.UTF_8))
                                .toString()
                                .getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    kind + " report of solve " + report.solveId() + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            // the request is not acknowledged and comes again: the solve is repeated
            throw new IllegalStateException(
                    kind + " report of solve " + report.solveId() + " was not acknowledged", e);
        }
    }

    private String serialise(AgendaSolveReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "A " + report.getClass().getSimpleName() + " report cannot be written", e);
        }
    }
}
