package dev.aic.commandside.agenda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.web.Attribution;
import dev.aic.commandside.web.Commands;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.integration.AgendaSolveReport;
import dev.aic.contracts.integration.AgendaSolveReport.Progressed;
import dev.aic.contracts.integration.AgendaSolveReport.Proposed;
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
 * Records the ai-worker's solve reports as events of their agenda: each becomes one command, sent
 * on behalf of the ai-worker (the event's attribution names it and the report's event id), and the
 * record is acknowledged once the command is done. Redelivered reports are harmless: the agenda
 * records a solve's progress only when it is later than what it has, and its proposal once. A
 * failing command is retried with the processing reports' back-off.
 */
@Component
class AgendaSolveReports {

    /** Who the recorded events name as their actor and client. */
    static final String SERVICE = "ai-worker";

    private static final Logger log = LoggerFactory.getLogger(AgendaSolveReports.class);
    private static final Map<String, Class<? extends AgendaSolveReport>> TYPES =
            Map.of(
                    Progressed.class.getSimpleName(), Progressed.class,
                    Proposed.class.getSimpleName(), Proposed.class);

    private final Commands commands;
    private final ObjectMapper json;
    private final DeliveryAttempts attempts;
    private final String groupId;

    AgendaSolveReports(
            Commands commands,
            ObjectMapper json,
            DeliveryAttempts attempts,
            AgendaSolveReportsProperties properties) {
        this.commands = commands;
        this.json = json;
        this.attempts = attempts;
        this.groupId = properties.groupId();
    }

    /**
     * The consumer group, for the listener's annotation: the command-side's instances share the
     * reports between them.
     */
    public String groupId() {
        return groupId;
    }

    @KafkaListener(topics = Topics.AGENDA_SOLVE_REPORTS, groupId = "#{__listener.groupId()}")
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
        // counted before the work: a report that took the command-side down too often is parked,
        // not recorded
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
        Class<? extends AgendaSolveReport> reportType = type == null ? null : TYPES.get(type);
        if (reportType == null) {
            log.atWarn()
                    .addKeyValue("eventType", type)
                    .addKeyValue("offset", record.offset())
                    .log("Solve report of an unknown type skipped");
            return;
        }
        AgendaSolveReport report;
        try {
            report = json.readValue(record.value(), reportType);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Unreadable solve report at offset " + record.offset(), e);
        }
        AgendaId agenda = new AgendaId(report.agendaId());
        Object command = command(agenda, report);
        try {
            commands.ask(
                    command,
                    agenda,
                    Attribution.ofService(
                            command, SERVICE, header(record, IntegrationHeaders.EVENT_ID)));
        } catch (AggregateNotFoundException e) {
            log.atWarn()
                    .addKeyValue("agendaId", agenda)
                    .addKeyValue("offset", record.offset())
                    .log("Solve report for an unknown agenda skipped");
        }
    }

    private static Object command(AgendaId agenda, AgendaSolveReport report) {
        if (report instanceof Progressed progressed) {
            return new AgendaCommands.RecordProgress(
                    agenda,
                    progressed.solveId(),
                    progressed.bestScore(),
                    progressed.elapsedMillis());
        }
        Proposed proposed = (Proposed) report;
        return new AgendaCommands.RecordProposal(
                agenda,
                proposed.solveId(),
                proposed.score(),
                proposed.placements(),
                proposed.brokenGoals(),
                proposed.conflicts(),
                proposed.solvingMillis());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
