package dev.aic.aiworker.embedding;

import java.util.List;

/**
 * The vectors of some texts, in the order the texts were given, and the model that produced them.
 *
 * @param model the producer, to be stored beside each vector
 * @param vectors one vector per text, each {@code model.dimension()} long
 */
public record Embeddings(EmbeddingModelVersion model, List<float[]> vectors) {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }
}
