package dev.aic.queryside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.user.UserId;
import dev.aic.contracts.user.UserRegistered;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class UserProjectionIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aRegisteredUserCanBeReadByIdAndFoundByNameAndEmail() {
        UserId id = registered("Ada Lovelace");

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() ->
                assertThat(http.getForEntity("/api/users/" + id, Map.class).getStatusCode()).isEqualTo(HttpStatus.OK));
        @SuppressWarnings("unchecked")
        Map<String, Object> user = http.getForObject("/api/users/" + id, Map.class);
        assertThat(user).containsEntry("id", id.toString()).containsEntry("email", emailOf(id))
                .containsEntry("displayName", "Ada Lovelace").containsKey("registeredAt");

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> {
            assertThat(search("lovel")).extracting(found -> found.get("id")).contains(id.toString());
            assertThat(search(emailOf(id).toUpperCase())).extracting(found -> found.get("id")).containsExactly(id.toString());
        });
    }

    @Test
    void replayingEveryEventRebuildsTheSameReadModelWithoutDuplicates() {
        UserId id = registered("Grace Hopper");
        await().atMost(PROJECTION_DEADLINE).until(() -> countRows() == countRegistrations());
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM user_profile ORDER BY id");

        StreamingEventProcessor processor = processing
                .eventProcessor(UserProfileProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        long head = jdbc.queryForObject("SELECT max(globalindex) FROM event_store.domainevententry", Long.class);
        await().atMost(PROJECTION_DEADLINE).until(() -> processor.processingStatus().size() == 1
                && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                        && status.getCurrentPosition().orElse(-1) >= head));
        assertThat(jdbc.queryForList("SELECT * FROM user_profile ORDER BY id")).isEqualTo(before);
        assertThat(before).extracting(row -> row.get("id").toString()).contains(id.toString());
    }

    @Test
    void anUnknownUserIsANotFoundProblem() {
        ResponseEntity<Map> response = http.getForEntity("/api/users/" + UUID.randomUUID(), Map.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:aic:problem:not-found");
    }

    @Test
    void aMalformedIdOrLimitIsABadRequestProblem() {
        assertThat(http.getForEntity("/api/users/not-a-uuid", Map.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> tooMany = http.getForEntity("/api/users?limit=1000", Map.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("\"/api/users/{id}\"", "\"/api/users\"", "UserView");
    }

    private UserId registered(String name) {
        UserId id = new UserId(UUID.randomUUID());
        eventStore.publish(new GenericDomainEventMessage<>("User", id.toString(), 0,
                new UserRegistered(id, emailOf(id), name)));
        return id;
    }

    private static String emailOf(UserId id) {
        return "member-" + id + "@example.org";
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> search(String q) {
        return http.getForObject("/api/users?q={q}", List.class, q);
    }

    private long countRows() {
        return jdbc.queryForObject("SELECT count(*) FROM user_profile", Long.class);
    }

    private long countRegistrations() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM event_store.domainevententry WHERE payloadtype = ?", Long.class,
                UserRegistered.class.getName());
    }

    /** The command-side owns the event store's schema; this suite writes events itself, so it applies it. */
    @TestConfiguration
    static class EventStoreSchema {

        @Bean
        FlywayMigrationStrategy eventStoreFirst(DataSource dataSource) {
            return querySide -> {
                Flyway.configure().dataSource(dataSource).schemas("event_store")
                        .locations("filesystem:../command-side/src/main/resources/db/migration")
                        .load().migrate();
                querySide.migrate();
            };
        }
    }
}
