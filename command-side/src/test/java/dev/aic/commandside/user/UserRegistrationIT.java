package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.commandside.Api;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class UserRegistrationIT {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aRegisteredMemberIsStoredAsARevisionedJsonEventAndPublishedToKafka() {
        String email = "ada-" + UUID.randomUUID() + "@example.org";

        ResponseEntity<Map> response = register(email, "Ada Lovelace");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) response.getBody().get("id");
        assertThat(response.getHeaders().getLocation()).hasToString("/api/users/" + id);
        assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");
        Map<String, Object> stored =
                jdbc.queryForMap(
                        """
                SELECT payloadtype, payloadrevision, convert_from(payload, 'UTF8') AS payload, globalindex
                FROM domainevententry WHERE aggregateidentifier = ?""",
                        id);
        assertThat(stored.get("payloadtype"))
                .isEqualTo("dev.aic.contracts.user.UserEvent$Registered");
        assertThat(stored.get("payloadrevision")).isEqualTo("1");
        // personal fields are stored encrypted under the member's key (docs/personal-data.md)
        assertThat((String) stored.get("payload"))
                .contains(
                        "\"userId\":\"" + id + "\"",
                        "\"email\":{\"pd\":\"v1\",\"ct\":",
                        "\"displayName\":{\"pd\":\"v1\"")
                .doesNotContain(email)
                .doesNotContain("Ada Lovelace");

        List<ConsumerRecord<String, String>> published = consumeUntilKey(id);
        ConsumerRecord<String, String> record = published.get(published.size() - 1);
        // the published contract names the member by id only: neither the e-mail nor the display
        // name leaves
        assertThat(record.value())
                .contains("\"userId\":\"" + id + "\"")
                .doesNotContain(email)
                .doesNotContain("Ada Lovelace")
                .doesNotContain("displayName");
        assertThat(header(record, IntegrationHeaders.EVENT_TYPE))
                .isEqualTo("UserRegisteredIntegrationEvent");
        assertThat(header(record, IntegrationHeaders.GLOBAL_POSITION))
                .isEqualTo(stored.get("globalindex").toString());
        assertThat(response.getHeaders().getFirst("Consistency-Token"))
                .isEqualTo(stored.get("globalindex").toString());
        assertThat(response.getBody())
                .containsEntry("consistencyToken", stored.get("globalindex").toString())
                .containsEntry("version", 0);
        assertThat(header(record, IntegrationHeaders.EVENT_ID)).isNotBlank();
    }

    @Test
    void aSecondRegistrationWithTheSameEmailIsAConflictAndStoresNothing() {
        String email = "grace-" + UUID.randomUUID() + "@example.org";
        assertThat(register(email, "Grace Hopper").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long eventsBefore = countEvents();

        ResponseEntity<Map> second = register(email.toUpperCase(), "Someone Else");

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(second.getBody())
                .containsEntry("type", "urn:aic:problem:email-already-registered")
                .containsEntry("status", 409);
        assertThat(countEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void anInvalidRegistrationIsABadRequestAndStoresNothing() {
        long eventsBefore = countEvents();

        ResponseEntity<Map> response = register("not-an-email", " ");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(countEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void theApiIsDescribedByOpenApiWithItsProblemResponses() {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody())
                .contains(
                        "\"/api/users\"",
                        "\"/api/me\"",
                        "\"/api/users/{id}/profile\"",
                        "bearer-jwt",
                        "\"Problem\"",
                        "application/problem+json");
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<Map> register(String email, String displayName) {
        return new Api(http)
                .call(
                        "adam",
                        HttpMethod.POST,
                        "/api/users",
                        Map.of("email", email, "displayName", displayName));
    }

    private long countEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private List<ConsumerRecord<String, String>> consumeUntilKey(String key) {
        Properties config = new Properties();
        config.putAll(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USERS));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(
                                                record -> {
                                                    if (key.equals(record.key())) {
                                                        matching.add(record);
                                                    }
                                                });
                                return !matching.isEmpty();
                            });
        }
        return matching;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
