package dev.aic.testsupport.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * {@code ./platform check-dashboards}: the {@link SavedObjectsVerifier} against a running
 * OpenSearch, e.g. the platform's after {@code ./platform up} loaded its demo activity.
 *
 * <pre>java … SavedObjectsCheck OPENSEARCH_URL SAVED_OBJECTS_DIR</pre>
 *
 * <p>Signs in as {@code AIC_OPENSEARCH_USER} with {@code AIC_OPENSEARCH_PASSWORD} (from the
 * environment only, so the password never shows in a process listing) when the password is set.
 * Prints a line per visualisation and dashboard; exits 1 when a check failed.
 */
public final class SavedObjectsCheck {

    private SavedObjectsCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SavedObjectsCheck OPENSEARCH_URL SAVED_OBJECTS_DIR");
            System.exit(2);
        }
        SavedObjectsVerifier.Result result =
                new SavedObjectsVerifier(
                                new Http(
                                        URI.create(args[0]),
                                        System.getenv("AIC_OPENSEARCH_USER"),
                                        System.getenv("AIC_OPENSEARCH_PASSWORD")),
                                alias -> alias)
                        .verify(Path.of(args[1]));
        result.lines().forEach(System.out::println);
        result.failures().forEach(failure -> System.out.println("FAILED: " + failure));
        System.out.printf(
                "%d visualisations checked against %s: %s%n",
                result.visualisations(),
                args[0],
                result.passed()
                        ? "every aggregation returned buckets"
                        : result.failures().size() + " failures");
        System.exit(result.passed() ? 0 : 1);
    }

    private static final class Http implements SavedObjectsVerifier.OpenSearch {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI base;
        private final String authorization;

        Http(URI base, String user, String password) {
            this.base = base;
            this.authorization =
                    password == null || password.isEmpty()
                            ? null
                            : "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    (user + ":" + password)
                                                            .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public JsonNode get(String path) throws IOException {
            return send(request(path).GET());
        }

        @Override
        public JsonNode post(String path, JsonNode body) throws IOException {
            return send(
                    request(path)
                            .header("Content-Type", "application/json")
                            .POST(
                                    body == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(
                                                    JSON.writeValueAsString(body))));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request;
        }

        private JsonNode send(HttpRequest.Builder request) throws IOException {
            try {
                HttpResponse<String> response =
                        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException(
                            request.build().uri()
                                    + " answered "
                                    + response.statusCode()
                                    + ": "
                                    + response.body());
                }
                return JSON.readTree(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
