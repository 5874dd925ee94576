package dev.aic.aiworker.embedding;

import org.springframework.core.io.Resource;

/** One model's configuration, validated: its files exist and its numbers make sense. */
record EmbeddingModelSpec(
        String name,
        Resource modelFile,
        Resource tokenizerFile,
        int dimension,
        Pooling pooling,
        boolean normalize,
        int maxTokens) {

    EmbeddingModelSpec {
        String key = "aic.embedding.models." + name + ".";
        requireReadable(name, key + "model-file", modelFile);
        requireReadable(name, key + "tokenizer-file", tokenizerFile);
        if (dimension < 1) {
            throw invalid(name, key + "dimension must be positive, was " + dimension);
        }
        if (pooling == null) {
            throw invalid(name, key + "pooling is not set (MEAN or CLS)");
        }
        // [CLS] and [SEP] take two of them
        if (maxTokens < 3) {
            throw invalid(name, key + "max-tokens must be at least 3, was " + maxTokens);
        }
    }

    static EmbeddingModelSpec of(String name, EmbeddingProperties.Model model) {
        return new EmbeddingModelSpec(
                name,
                model.modelFile(),
                model.tokenizerFile(),
                model.dimension(),
                model.pooling(),
                model.normalize(),
                model.maxTokens());
    }

    /** The settings, besides the files, that shape a vector: part of the model's fingerprint. */
    String vectorSettings() {
        return "pooling=" + pooling + ";normalize=" + normalize + ";maxTokens=" + maxTokens;
    }

    private static void requireReadable(String name, String key, Resource resource) {
        if (resource == null) {
            throw invalid(name, key + " is not set");
        }
        if (!resource.exists() || !resource.isReadable()) {
            throw invalid(
                    name,
                    key
                            + ": "
                            + resource.getDescription()
                            + " does not exist or cannot be read (is the model's artifact on the class path?)");
        }
    }

    private static InvalidEmbeddingConfigurationException invalid(String name, String detail) {
        return new InvalidEmbeddingConfigurationException(
                "Embedding model '" + name + "' is misconfigured: " + detail);
    }
}
