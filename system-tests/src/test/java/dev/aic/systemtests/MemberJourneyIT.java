package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.testsupport.Infrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end over real processes: a client registers a member on the
 * command-side; the event lands in the event store, the query-side's PostgreSQL read model and
 * OpenSearch index, and travels over Kafka to the ai-worker.
 */
class MemberJourneyIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.start();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aRegisteredMemberCanBeReadSearchedAndReachesTheAiWorker() throws Exception {
        String email = "ada-" + UUID.randomUUID() + "@example.org";

        HttpResponse<String> created = post(platform.commandSide.url("/api/users"),
                "{\"email\":\"" + email + "\",\"displayName\":\"Ada Lovelace\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();

        await("read model has the user").atMost(DEADLINE)
                .until(() -> get(platform.querySide.url("/api/users/" + id)).statusCode() == 200);
        JsonNode user = JSON.readTree(get(platform.querySide.url("/api/users/" + id)).body());
        assertThat(user.get("email").asText()).isEqualTo(email);
        assertThat(user.get("displayName").asText()).isEqualTo("Ada Lovelace");

        await("search finds the user").atMost(DEADLINE).until(() ->
                get(platform.querySide.url("/api/users?q=" + URLEncoder.encode("Ada Lov", StandardCharsets.UTF_8)))
                        .body().contains(id));

        await("ai-worker consumed the integration event").atMost(DEADLINE).until(() ->
                platform.aiWorker.logText().lines()
                        .anyMatch(line -> line.contains("Member registered") && line.contains(id)));
        assertThat(processedByAiWorker()).isEqualTo(1);
    }

    @Test
    void aSecondRegistrationWithTheSameEmailIsAConflictProblemAndStoresNothing() throws Exception {
        String email = "grace-" + UUID.randomUUID() + "@example.org";
        assertThat(post(platform.commandSide.url("/api/users"),
                "{\"email\":\"" + email + "\",\"displayName\":\"Grace\"}").statusCode()).isEqualTo(201);
        long before = storedEvents();

        HttpResponse<String> again = post(platform.commandSide.url("/api/users"),
                "{\"email\":\"" + email.toUpperCase() + "\",\"displayName\":\"Other\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(again.body()).get("type").asText()).isEqualTo("urn:aic:problem:email-already-registered");
        assertThat(storedEvents()).isEqualTo(before);
    }

    private static HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long storedEvents() throws Exception {
        return count("SELECT count(*) FROM event_store.domainevententry");
    }

    private static long processedByAiWorker() throws Exception {
        return count("SELECT count(*) FROM ai_worker.processed_message");
    }

    private static long count(String sql) throws Exception {
        var infra = Infrastructure.endpoints();
        try (var connection = DriverManager.getConnection(platform.jdbcUrl, infra.username(), infra.password());
             var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
