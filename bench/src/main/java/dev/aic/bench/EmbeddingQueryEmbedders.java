package dev.aic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the search part embeds its query texts: by the ai-worker over HTTP, as the query side does,
 * or in process with ONNX Runtime when the ai-worker does not offer the endpoint (yet).
 */
final class EmbeddingQueryEmbedders {

    private EmbeddingQueryEmbedders() {}

    /**
     * The ai-worker's {@code POST /internal/embeddings} if it answers a probe with a vector of the
     * right size, otherwise {@code engine} in process; {@code say} learns which and why.
     */
    static VectorIndex.QueryEmbedder choose(
            URI aiWorker, EmbeddingOrtEngine engine, Consumer<String> say)
            throws InterruptedException {
        Remote remote = new Remote(aiWorker);
        String refused = remote.probe();
        if (refused == null) {
            return remote;
        }
        say.accept(
                "    the ai-worker's embedding endpoint is not usable ("
                        + refused
                        + "); query embedding measured in process with ONNX Runtime instead");
        return new VectorIndex.QueryEmbedder() {
            @Override
            public float[] embed(String text) {
                return engine.embedOne(text);
            }

            @Override
            public String source() {
                return "in process, ONNX Runtime (the ai-worker's POST /internal/embeddings did not answer: "
                        + refused
                        + ")";
            }
        };
    }

    /**
     * {@code POST {ai-worker}/internal/embeddings} with {@code {"texts":[...]}}, answering {@code
     * {"vectors":[[...]]}}.
     */
    private static final class Remote implements VectorIndex.QueryEmbedder {

        private final URI endpoint;
        private final HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        private final ObjectMapper json = new ObjectMapper();

        Remote(URI aiWorker) {
            this.endpoint = URI.create(aiWorker + "/internal/embeddings");
        }

        /** Null when the endpoint embeds a text into a vector of the model's size, else why not. */
        String probe() throws InterruptedException {
            try {
                HttpResponse<String> answer = post("embedding benchmark probe");
                if (answer.statusCode() != 200) {
                    return "POST " + endpoint.getPath() + " answered " + answer.statusCode();
                }
                JsonNode vector = json.readTree(answer.body()).path("vectors").path(0);
                if (vector.size() != EmbeddingOrtEngine.DIMENSION) {
                    return "POST "
                            + endpoint.getPath()
                            + " answered no "
                            + EmbeddingOrtEngine.DIMENSION
                            + "-dimensional vector";
                }
                return null;
            } catch (IOException e) {
                return "POST " + endpoint.getPath() + " failed: " + e;
            }
        }

        @Override
        public float[] embed(String text) throws IOException, InterruptedException {
            HttpResponse<String> answer = post(text);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(
                        "POST " + endpoint + " answered " + answer.statusCode());
            }
            JsonNode vector = json.readTree(answer.body()).path("vectors").path(0);
            float[] values = new float[vector.size()];
            for (int d = 0; d < values.length; d++) {
                values[d] = (float) vector.get(d).asDouble();
            }
            return values;
        }

        @Override
        public String source() {
            return "the ai-worker, POST /internal/embeddings over HTTP";
        }

        private HttpResponse<String> post(String text) throws IOException, InterruptedException {
            HttpRequest request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            json.writeValueAsString(
                                                    Map.of("texts", List.of(text)))))
                            .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
