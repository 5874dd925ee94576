package dev.aic.aiworker.embedding;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Embeds the query side's search queries with the same model files as the documents (a TEI-like
 * API).
 *
 * <p>Internal only: there is no authentication, so the port must stay on the cluster network, never
 * behind the public ingress (docs/knowledge-hub.md, "The ai-worker pipeline").
 */
@RestController
@RequestMapping("/internal/embeddings")
class EmbeddingEndpoint {

    /**
     * More texts in one call are refused: a query embeds one text, and a call must not hold the
     * cores long.
     */
    static final int MAX_TEXTS = 64;

    private final EmbeddingModels models;

    EmbeddingEndpoint(EmbeddingModels models) {
        this.models = models;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    EmbeddingResponse embed(@RequestBody EmbeddingRequest request) {
        List<String> texts = request.texts();
        if (texts == null || texts.isEmpty() || texts.size() > MAX_TEXTS) {
            throw new InvalidEmbeddingRequestException(
                    "texts must hold 1 to "
                            + MAX_TEXTS
                            + " texts, had "
                            + (texts == null ? 0 : texts.size()));
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null || texts.get(i).isBlank()) {
                throw new InvalidEmbeddingRequestException(
                        "texts[" + i + "] is blank; only text is embedded");
            }
        }
        TextEmbedder embedder =
                request.model() == null
                        ? models.active()
                        : models.named(request.model())
                                .orElseThrow(
                                        () ->
                                                new InvalidEmbeddingRequestException(
                                                        "Unknown embedding model '"
                                                                + request.model()
                                                                + "'; configured models: "
                                                                + models.configuredNames()));
        Embeddings embeddings = embedder.embed(texts);
        return new EmbeddingResponse(embeddings.model(), embeddings.vectors());
    }

    /** The model documents are embedded with now. */
    @GetMapping("/model")
    EmbeddingModelVersion activeModel() {
        return models.active().model();
    }

    /**
     * @param texts 1 to 64 texts, none blank; longer texts than the model reads are truncated
     * @param model a configured model's name; absent: the active model
     */
    record EmbeddingRequest(List<String> texts, String model) {}

    /**
     * @param vectors one per text, in the order of the request
     */
    record EmbeddingResponse(EmbeddingModelVersion model, List<float[]> vectors) {}

    static class InvalidEmbeddingRequestException extends RuntimeException {

        InvalidEmbeddingRequestException(String message) {
            super(message);
        }
    }
}
