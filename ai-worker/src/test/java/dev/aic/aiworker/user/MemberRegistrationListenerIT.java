package dev.aic.aiworker.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.aiworker.AiWorkerIntegrationTest;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.AdminKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

@AiWorkerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MemberRegistrationListenerIT {

    /** Plays the topic's writer: the service's own principal may not write there. */
    KafkaTemplate<String, String> kafka = AdminKafka.template();
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRegistrationDeliveredTwiceIsAppliedOnceAndLoggedAsAStructuredLine(CapturedOutput output) throws Exception {
        String eventId = UUID.randomUUID().toString();
        UUID userId = UUID.randomUUID();
        String payload = """
                {"userId":"%s","displayName":"Ada","registeredAt":"2026-11-23T10:15:30Z"}""".formatted(userId);

        send(eventId, userId, payload);
        send(eventId, userId, payload);
        String marker = UUID.randomUUID().toString();
        // same key, so same partition: once the marker is applied, both copies before it were consumed
        send(marker, userId, payload.replace(userId.toString(), UUID.randomUUID().toString()));

        await().atMost(Duration.ofSeconds(60)).until(() -> processed(marker) == 1);
        assertThat(processed(eventId)).isEqualTo(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("\"userId\":\"" + userId + "\"")))
                .singleElement().satisfies(line -> assertThat(line)
                        .startsWith("{").contains("Member registered", "\"eventId\":\"" + eventId + "\""));
    }

    @Test
    void anErasureIsTakenForWhatItsTypeHeaderSaysAndAppliedOnce(CapturedOutput output) throws Exception {
        String eventId = UUID.randomUUID().toString();
        UUID userId = UUID.randomUUID();
        String payload = """
                {"userId":"%s","erasedAt":"2026-11-24T08:00:00Z"}""".formatted(userId);

        send(eventId, userId, payload, "MemberErasedIntegrationEvent");
        send(eventId, userId, payload, "MemberErasedIntegrationEvent");
        String marker = UUID.randomUUID().toString();
        send(marker, userId, payload, "MemberErasedIntegrationEvent");

        await().atMost(Duration.ofSeconds(60)).until(() -> processed(marker) == 1);
        assertThat(processed(eventId)).isEqualTo(1);
        assertThat(output.getOut().lines().filter(line -> line.contains("\"eventId\":\"" + eventId + "\"")))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("Member erased", "\"userId\":\"" + userId + "\"").doesNotContain("Member registered"));
    }

    private void send(String eventId, UUID key, String payload) throws Exception {
        send(eventId, key, payload, null);
    }

    private void send(String eventId, UUID key, String payload, String eventType) throws Exception {
        var record = new ProducerRecord<String, String>(Topics.USERS, key.toString(), payload);
        record.headers().add(IntegrationHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        if (eventType != null) {
            record.headers().add(IntegrationHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        }
        kafka.send(record).get();
    }

    private int processed(String eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE event_id = ?", Integer.class, eventId);
    }
}
