package dev.aic.aiworker.embedding;

/** Token counters of the shipped models, for tests outside this package. */
public final class ShippedTokenCounters {

    private ShippedTokenCounters() {}

    /**
     * The token counter of the default model, all-MiniLM-L6-v2, as application.yml configures it.
     */
    public static TokenCounter miniLm() {
        EmbeddingProperties shipped = ShippedModels.properties();
        EmbeddingProperties chosen =
                new EmbeddingProperties(
                        ShippedModels.MINILM,
                        shipped.batchSize(),
                        shipped.intraOpThreads(),
                        shipped.models());
        return new HuggingFaceTokenCounter(chosen.activeModel());
    }
}
