package dev.aic.queryside.knowledge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.document.EmbeddingModel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The ai-worker's embedding API ({@code POST /internal/embeddings}, {@code GET
 * /internal/embeddings/model}): search queries are embedded by the same model as the chunks they
 * are compared with. Every failure to get an answer (refused, timed out, an error status, an
 * unreadable body) is an {@link EmbeddingUnavailableException}.
 */
@Component
class EmbeddingClient {

    private final RestClient http;
    private final AiWorkerProperties properties;
    private final Clock clock;
    private volatile Cached active;

    EmbeddingClient(ObjectMapper objectMapper, AiWorkerProperties properties) {
        this.http =
                Json.client(
                        objectMapper,
                        properties.url().toString(),
                        properties.connectTimeout(),
                        properties.readTimeout());
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** One query's vector, and the model that made it. */
    record Embedding(EmbeddingModel model, float[] vector) {}

    private record EmbedRequest(List<String> texts, String model) {}

    private record EmbedResponse(EmbeddingModel model, List<float[]> vectors) {}

    private record Cached(EmbeddingModel model, Instant until) {}

    /**
     * The model the ai-worker embeds new documents with, remembered for {@code
     * aic.ai-worker.model-cache}.
     */
    EmbeddingModel activeModel() {
        Cached cached = active;
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.until())) {
            return cached.model();
        }
        try {
            EmbeddingModel model =
                    http.get()
                            .uri("/internal/embeddings/model")
                            .accept(MediaType.APPLICATION_JSON)
                            .retrieve()
                            .body(EmbeddingModel.class);
            if (model == null || model.fingerprint() == null) {
                throw new EmbeddingUnavailableException("The ai-worker named no active model");
            }
            active = new Cached(model, now.plus(properties.modelCache()));
            return model;
        } catch (RestClientException e) {
            throw new EmbeddingUnavailableException(
                    "The ai-worker does not tell its active model", e);
        }
    }

    /** Embeds {@code text} with the named model. */
    Embedding embed(String text, String modelName) {
        try {
            EmbedResponse response =
                    http.post()
                            .uri("/internal/embeddings")
                            .contentType(MediaType.APPLICATION_JSON)
                            .accept(MediaType.APPLICATION_JSON)
                            .body(new EmbedRequest(List.of(text), modelName))
                            .retrieve()
                            .body(EmbedResponse.class);
            if (response == null
                    || response.model() == null
                    || response.vectors() == null
                    || response.vectors().size() != 1) {
                throw new EmbeddingUnavailableException(
                        "The ai-worker answered without one vector");
            }
            return new Embedding(response.model(), response.vectors().get(0));
        } catch (RestClientException e) {
            throw new EmbeddingUnavailableException("The ai-worker does not embed the query", e);
        }
    }
}
