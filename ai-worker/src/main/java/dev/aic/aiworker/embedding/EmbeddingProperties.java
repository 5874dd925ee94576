package dev.aic.aiworker.embedding;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The embedding models the ai-worker knows and the one it uses ({@code aic.embedding.*}).
 *
 * <p>Several models may be configured side by side; {@link #active} names the one that embeds.
 * Switching models is a configuration change: every vector records the {@link
 * EmbeddingModelVersion} that produced it.
 *
 * @param active the key under {@link #models} of the model in use
 * @param batchSize how many texts go through the ONNX session in one run
 * @param intraOpThreads ONNX Runtime threads inside one run; 0 leaves ONNX Runtime's default (one
 *     per core)
 * @param models every configured model, by name
 */
@ConfigurationProperties("aic.embedding")
record EmbeddingProperties(
        String active,
        @DefaultValue("16") int batchSize,
        @DefaultValue("0") int intraOpThreads,
        Map<String, Model> models) {

    /**
     * One model: its files (any Spring resource location: {@code classpath:}, {@code file:}) and
     * how its token vectors become one text vector.
     *
     * @param modelFile the ONNX graph, a BERT-style encoder whose first output is the last hidden
     *     state
     * @param tokenizerFile the Hugging Face {@code tokenizer.json} the model was trained with
     * @param dimension the length of the vectors the model produces, checked when the model loads
     * @param pooling how token vectors become one vector
     * @param normalize whether vectors are scaled to unit length (then cosine equals dot product)
     * @param maxTokens longer texts are truncated to this many tokens, special tokens included
     */
    record Model(
            Resource modelFile,
            Resource tokenizerFile,
            int dimension,
            Pooling pooling,
            @DefaultValue("true") boolean normalize,
            int maxTokens) {}

    /**
     * The active model, checked: a model named but not configured, or whose files are missing,
     * stops start-up.
     */
    EmbeddingModelSpec activeModel() {
        if (active == null || active.isBlank()) {
            throw new InvalidEmbeddingConfigurationException(
                    "aic.embedding.active is not set; configured models: " + configuredNames());
        }
        if (!configures(active)) {
            throw new InvalidEmbeddingConfigurationException(
                    "aic.embedding.active names model '"
                            + active
                            + "', which is not configured under aic.embedding.models; configured models: "
                            + configuredNames());
        }
        if (batchSize < 1) {
            throw new InvalidEmbeddingConfigurationException(
                    "aic.embedding.batch-size must be at least 1, was " + batchSize);
        }
        if (intraOpThreads < 0) {
            throw new InvalidEmbeddingConfigurationException(
                    "aic.embedding.intra-op-threads must not be negative, was " + intraOpThreads);
        }
        return model(active);
    }

    boolean configures(String name) {
        return models != null && name != null && models.containsKey(name);
    }

    /**
     * A configured model, checked like the active one; for callers that still query a model
     * switched away from.
     */
    EmbeddingModelSpec model(String name) {
        if (!configures(name)) {
            throw new InvalidEmbeddingConfigurationException(
                    "Embedding model '"
                            + name
                            + "' is not configured under "
                            + "aic.embedding.models; configured models: "
                            + configuredNames());
        }
        return EmbeddingModelSpec.of(name, models.get(name));
    }

    String configuredNames() {
        return models == null || models.isEmpty()
                ? "none"
                : String.join(", ", models.keySet().stream().sorted().toList());
    }
}
