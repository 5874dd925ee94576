package dev.aic.aiworker.embedding;

import java.util.List;

/** Turns texts into vectors with the configured model, locally. Safe for concurrent use. */
public interface TextEmbedder {

    /** The model that {@link #embed} uses; loads it if it has not been loaded yet. */
    EmbeddingModelVersion model();

    /**
     * Embeds texts in batches of the configured size. A text longer than the model's token limit is
     * truncated to it, not rejected; a blank text is rejected, since it has no meaning to embed.
     */
    Embeddings embed(List<String> texts);
}
