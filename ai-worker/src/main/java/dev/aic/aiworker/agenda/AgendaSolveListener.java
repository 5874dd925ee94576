package dev.aic.aiworker.agenda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.integration.AgendaSolveReport;
import dev.aic.contracts.integration.AgendaSolveRequestedIntegrationEvent;
import dev.aic.contracts.integration.Topics;
import dev.aic.messaging.DeliveryAttempts;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Solves each agenda the command-side asks for, on the listener's thread (one solve at a time per
 * worker: a solve takes the CPU it is given), reporting progress while it runs and the proposal at
 * the end; the record is acknowledged after the proposal was. Stateless: a redelivered request is
 * solved again, and the agenda records only the first proposal of a solve. One record per poll, and
 * a poll interval above the longest solve.
 */
@Component
class AgendaSolveListener {

    private static final Logger log = LoggerFactory.getLogger(AgendaSolveListener.class);

    private final ObjectMapper json;
    private final AgendaSolver solver;
    private final AgendaReports reports;
    private final DeliveryAttempts attempts;
    private final SolverSettings settings;

    AgendaSolveListener(
            ObjectMapper json,
            AgendaSolver solver,
            AgendaReports reports,
            DeliveryAttempts attempts,
            SolverSettings settings) {
        this.json = json;
        this.solver = solver;
        this.reports = reports;
        this.attempts = attempts;
        this.settings = settings;
    }

    /** The consumer group, for the listener's annotation. */
    public String groupId() {
        return settings.groupId();
    }

    /** {@code max.poll.interval.ms}, for the listener's annotation. */
    public long maxPollIntervalMs() {
        return settings.maxPollIntervalMs();
    }

    @KafkaListener(
            topics = Topics.AGENDA_SOLVE_REQUESTS,
            groupId = "#{__listener.groupId()}",
            properties = {
                "max.poll.records=1",
                "max.poll.interval.ms=#{__listener.maxPollIntervalMs()}"
            })
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
        // a solve that takes the worker down (its memory, say) is counted and, after max-crashes,
        // parked
        attempts.attempt(
                record,
                () -> {
                    solve(record);
                    return null;
                });
        ack.acknowledge();
    }

    private void solve(ConsumerRecord<String, String> record) {
        AgendaSolveRequestedIntegrationEvent request;
        try {
            request = json.readValue(record.value(), AgendaSolveRequestedIntegrationEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Unreadable solve request at offset " + record.offset(), e);
        }
        log.atInfo()
                .addKeyValue("agendaId", request.agendaId())
                .addKeyValue("solveId", request.solveId())
                .addKeyValue("sessions", request.plan().sessions().size())
                .addKeyValue("timeBudgetSeconds", request.timeBudgetSeconds())
                .log("Agenda solve started");
        AgendaSolver.Result result =
                solver.solve(
                        request.plan(),
                        Duration.ofSeconds(request.timeBudgetSeconds()),
                        progress ->
                                reports.publish(
                                        new AgendaSolveReport.Progressed(
                                                request.agendaId(),
                                                request.solveId(),
                                                progress.bestScore(),
                                                progress.elapsedMillis())));
        reports.publish(
                new AgendaSolveReport.Proposed(
                        request.agendaId(),
                        request.solveId(),
                        result.score(),
                        result.placements(),
                        result.brokenGoals(),
                        result.conflicts(),
                        result.solvingMillis()));
        log.atInfo()
                .addKeyValue("agendaId", request.agendaId())
                .addKeyValue("solveId", request.solveId())
                .addKeyValue("hard", result.score().hard())
                .addKeyValue("soft", result.score().soft())
                .addKeyValue("conflicts", result.conflicts().size())
                .addKeyValue("millis", result.solvingMillis())
                .log("Agenda solve proposed");
    }
}
