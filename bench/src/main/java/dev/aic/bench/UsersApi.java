package dev.aic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The two HTTP calls the benchmark makes, as a client would make them: signed in with a bearer
 * token, and every registration with an {@code Idempotency-Key} of its own.
 *
 * <p>One {@link HttpClient} keeps a pool of HTTP/1.1 keep-alive connections (one per concurrent
 * caller), so the figures include request handling but not TCP set-up. HTTP/1.1 is forced because
 * the services speak plain HTTP/1.1 and an h2c upgrade attempt would only add noise.
 */
final class UsersApi {

    /** The answer to a registration: the HTTP status and, on 201, the new user's id. */
    record Registration(int status, UUID id) {
        boolean created() {
            return status == 201 && id != null;
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI users;
    private final URI querySide;
    private final URI commandSide;
    private final String authorization;

    UsersApi(URI commandSide, URI querySide, String accessToken) {
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.users = URI.create(commandSide + "/api/users");
        this.authorization = "Bearer " + accessToken;
    }

    /** {@code POST /api/users} on the command side, as an administrator. */
    Registration register(String email, String displayName) throws IOException, InterruptedException {
        String body = json.writeValueAsString(json.createObjectNode().put("email", email).put("displayName", displayName));
        HttpRequest request = HttpRequest.newBuilder(users)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 201) {
            return new Registration(response.statusCode(), null);
        }
        JsonNode id = json.readTree(response.body()).path("id");
        return new Registration(201, id.isTextual() ? UUID.fromString(id.asText()) : null);
    }

    /** {@code GET /api/users/{id}} on the query side: 200 once the user is projected, 404 before. */
    int fetchStatus(UUID id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(querySide + "/api/users/" + id))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Fails with a readable message unless both services report themselves ready. */
    void requireReady() throws InterruptedException {
        for (URI service : new URI[] {commandSide, querySide}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    throw new IllegalStateException(service + " is not ready (readiness answered " + status
                            + "); start the platform with ./platform up");
                }
            } catch (IOException e) {
                throw new IllegalStateException(service + " does not answer (" + e + "); start the platform with ./platform up", e);
            }
        }
    }
}
