package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A member's journey end to end over real processes: someone signs in at the identity provider and
 * registers on the command-side; the event lands in the event store, the query-side's PostgreSQL
 * read model (read back at once with the consistency token) and OpenSearch index, and is published
 * on Kafka as the integration contract other bounded contexts consume, naming the member by id
 * only.
 */
class MemberJourneyIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Platform platform = Platform.shared();

    @Test
    void aMemberWhoRegistersHimselfReadsHisWriteIsFoundBySearchAndIsPublishedByIdOnly() {
        try (PublishedRecords published = PublishedRecords.on(Topics.USERS)) {
            String username = "ada-" + UUID.randomUUID().toString().substring(0, 8);
            String token = platform.token(username);

            String surname = "Lovelace" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
            String name = "Ada " + surname;
            Http.Reply registered =
                    Http.to(platform.commandSide().url("/api/me"))
                            .bearer(token)
                            .post("{\"displayName\":\"" + name + "\"}");

            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String id = registered.json().get("id").asText();
            String consistencyToken = registered.json().get("consistencyToken").asText();
            assertThat(registered.header("Consistency-Token")).hasValue(consistencyToken);
            assertThat(registered.header("ETag"))
                    .hasValue("\"" + registered.json().get("version").asLong() + "\"");

            Http.Reply read =
                    Http.to(platform.querySide().url("/api/users/" + id))
                            .bearer(token)
                            .header("Consistency-Token", consistencyToken)
                            .get();
            assertThat(read.status()).as("read your own write at once: " + read).isEqualTo(200);
            JsonNode user = read.json();
            assertThat(user.get("email").asText()).isEqualTo(username + "@example.test");
            assertThat(user.get("displayName").asText()).isEqualTo(name);

            // a prefix of each word, and a surname no other test uses: the first page holds the
            // match
            String search =
                    "/api/users?q="
                            + URLEncoder.encode(
                                    "Ada " + surname.substring(0, 10), StandardCharsets.UTF_8);
            await("search finds the member")
                    .atMost(DEADLINE)
                    .until(
                            () ->
                                    Http.to(platform.querySide().url(search))
                                            .bearer(token)
                                            .get()
                                            .body()
                                            .contains(id));

            ConsumerRecord<String, String> registration =
                    published
                            .awaitUntil(
                                    "the registration on " + Topics.USERS,
                                    DEADLINE,
                                    records ->
                                            records.stream()
                                                    .anyMatch(record -> id.equals(record.key())))
                            .stream()
                            .filter(record -> id.equals(record.key()))
                            .findFirst()
                            .orElseThrow();
            assertThat(PublishedRecords.header(registration, IntegrationHeaders.EVENT_TYPE))
                    .isEqualTo("UserRegisteredIntegrationEvent");
            assertThat(PublishedRecords.header(registration, IntegrationHeaders.EVENT_ID))
                    .isEqualTo(platform.eventIdentifier(id, "UserEvent$Registered"));
            assertThat(registration.value())
                    .contains("\"userId\":\"" + id + "\"")
                    .doesNotContain(surname)
                    .doesNotContain(username);
        }
    }

    @Test
    void aSecondRegistrationWithTheSameEmailIsAConflictProblemAndStoresNothing() {
        String admin = platform.token("adam");
        String email = "grace-" + UUID.randomUUID() + "@example.org";
        Http.Reply first =
                Http.to(platform.commandSide().url("/api/users"))
                        .bearer(admin)
                        .post("{\"email\":\"" + email + "\",\"displayName\":\"Grace\"}");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long before = platform.storedEvents();

        Http.Reply again =
                Http.to(platform.commandSide().url("/api/users"))
                        .bearer(admin)
                        .post(
                                "{\"email\":\""
                                        + email.toUpperCase()
                                        + "\",\"displayName\":\"Other\"}");

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.header("Content-Type")).hasValue("application/problem+json");
        assertThat(again.json().get("type").asText())
                .isEqualTo("urn:aic:problem:email-already-registered");
        assertThat(platform.storedEvents()).isEqualTo(before);
    }
}
