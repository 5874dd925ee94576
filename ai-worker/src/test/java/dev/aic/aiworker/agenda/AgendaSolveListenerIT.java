package dev.aic.aiworker.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.aiworker.AiWorkerIntegrationTest;
import dev.aic.contracts.agenda.AgendaConflicts;
import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.integration.AgendaSolveReport;
import dev.aic.contracts.integration.AgendaSolveRequestedIntegrationEvent;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.AdminKafka;
import dev.aic.testsupport.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The command-side's view of the ai-worker's solver: a request on one topic, progress and a
 * proposal on the other.
 */
@AiWorkerIntegrationTest
class AgendaSolveListenerIT {

    /** Plays the topic's writer: the service's own principal may not write there. */
    KafkaTemplate<String, String> kafka = AdminKafka.template();

    @Autowired ObjectMapper json;

    @Test
    void aSolveRequestIsAnsweredWithProgressAndAFeasibleProposalWithinItsBudget() throws Exception {
        UUID agenda = UUID.randomUUID();
        UUID solve = UUID.randomUUID();
        AgendaPlan conference = SampleAgendas.conference40();
        var request =
                new ProducerRecord<>(
                        Topics.AGENDA_SOLVE_REQUESTS,
                        agenda.toString(),
                        json.writeValueAsString(
                                new AgendaSolveRequestedIntegrationEvent(
                                        agenda, solve, 10, conference)));
        request.headers()
                .add(
                        IntegrationHeaders.EVENT_TYPE,
                        "AgendaSolveRequestedIntegrationEvent".getBytes(StandardCharsets.UTF_8));
        request.headers()
                .add(
                        IntegrationHeaders.EVENT_ID,
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(request).get();

        List<ConsumerRecord<String, String>> reports = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.AGENDA_SOLVE_REPORTS));
            await().atMost(Duration.ofSeconds(90))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(
                                                record -> {
                                                    if (agenda.toString().equals(record.key())) {
                                                        reports.add(record);
                                                    }
                                                });
                                return reports.stream()
                                        .anyMatch(record -> "Proposed".equals(type(record)));
                            });
        }

        assertThat(reports)
                .extracting(AgendaSolveListenerIT::type)
                .contains("Progressed")
                .last()
                .isEqualTo("Proposed");
        var proposal =
                json.readValue(
                        reports.get(reports.size() - 1).value(), AgendaSolveReport.Proposed.class);
        assertThat(proposal.solveId()).isEqualTo(solve);
        assertThat(proposal.score().feasible()).isTrue();
        assertThat(proposal.conflicts()).isEmpty();
        assertThat(AgendaConflicts.of(conference.withPlacements(proposal.placements())).all())
                .isEmpty();
        assertThat(proposal.placements()).hasSize(40);
    }

    private static String type(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader(IntegrationHeaders.EVENT_TYPE);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
