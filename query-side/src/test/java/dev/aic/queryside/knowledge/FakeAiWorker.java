package dev.aic.queryside.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aic.contracts.document.EmbeddingModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server that plays the ai-worker's documented embedding contract ({@code GET
 * /internal/embeddings/model}, {@code POST /internal/embeddings}) with vectors the test decides:
 * each text it is told about gets its vector, any other text the last axis.
 */
final class FakeAiWorker implements AutoCloseable {

    static final int DIMENSION = 384;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final EmbeddingModel model;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final List<String> embedded = new CopyOnWriteArrayList<>();

    FakeAiWorker(EmbeddingModel model) throws IOException {
        this.model = model;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/internal/embeddings/model",
                exchange ->
                        answer(
                                exchange,
                                200,
                                json.writeValueAsBytes(
                                        Map.of(
                                                "name",
                                                model.name(),
                                                "fingerprint",
                                                model.fingerprint(),
                                                "dimension",
                                                model.dimension()))));
        server.createContext("/internal/embeddings", this::embed);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The texts the worker was asked to embed, in order. */
    List<String> embedded() {
        return embedded;
    }

    FakeAiWorker vector(String text, float[] vector) {
        vectors.put(text, vector);
        return this;
    }

    /** A unit vector along {@code axis}. */
    static float[] axis(int axis) {
        float[] vector = new float[DIMENSION];
        vector[axis] = 1;
        return vector;
    }

    /** {@code weights[i]} along axis i, normalised. */
    static float[] mix(float... weights) {
        float[] vector = new float[DIMENSION];
        double norm = 0;
        for (float weight : weights) {
            norm += weight * weight;
        }
        for (int i = 0; i < weights.length; i++) {
            vector[i] = (float) (weights[i] / Math.sqrt(norm));
        }
        return vector;
    }

    private void embed(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, new byte[0]);
            return;
        }
        JsonNode request = json.readTree(exchange.getRequestBody());
        if (request.hasNonNull("model") && !model.name().equals(request.get("model").asText())) {
            answer(exchange, 400, json.writeValueAsBytes(Map.of("detail", "unknown model")));
            return;
        }
        List<float[]> answers = new ArrayList<>();
        request.get("texts")
                .forEach(
                        text -> {
                            embedded.add(text.asText());
                            answers.add(vectors.getOrDefault(text.asText(), axis(DIMENSION - 1)));
                        });
        answer(
                exchange,
                200,
                json.writeValueAsBytes(
                        Map.of(
                                "model",
                                Map.of(
                                        "name",
                                        model.name(),
                                        "fingerprint",
                                        model.fingerprint(),
                                        "dimension",
                                        model.dimension()),
                                "vectors",
                                answers)));
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
