package dev.aic.aiworker.embedding;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every configured embedding model by name: the active one, which embeds documents, and the others,
 * which load on first use only. During a model switch the query side keeps embedding its queries
 * with the model its stored vectors came from until the corpus is re-embedded, so a model that is
 * no longer active must still answer.
 */
public final class EmbeddingModels implements AutoCloseable {

    private final EmbeddingProperties properties;
    private final TextEmbedder active;
    private final Map<String, OnnxTextEmbedder> others = new ConcurrentHashMap<>();

    EmbeddingModels(EmbeddingProperties properties, TextEmbedder active) {
        this.properties = properties;
        this.active = active;
    }

    /** The model that embeds documents ({@code aic.embedding.active}). */
    public TextEmbedder active() {
        return active;
    }

    /** The configured model of that name, empty if none is configured under it. */
    public Optional<TextEmbedder> named(String name) {
        if (name == null || !properties.configures(name)) {
            return Optional.empty();
        }
        if (name.equals(properties.active())) {
            return Optional.of(active);
        }
        return Optional.of(
                others.computeIfAbsent(
                        name,
                        model ->
                                new OnnxTextEmbedder(
                                        properties.model(model),
                                        properties.batchSize(),
                                        properties.intraOpThreads())));
    }

    /**
     * Texts per ONNX run ({@code aic.embedding.batch-size}); the document pipeline reports chunks
     * in batches of it.
     */
    public int batchSize() {
        return properties.batchSize();
    }

    /** The configured names, sorted, for error messages. */
    public String configuredNames() {
        return properties.configuredNames();
    }

    @Override
    public void close() {
        others.values().forEach(OnnxTextEmbedder::close);
        others.clear();
    }
}
