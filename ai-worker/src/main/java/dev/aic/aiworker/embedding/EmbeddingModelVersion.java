package dev.aic.aiworker.embedding;

/**
 * Which model produced a vector, recorded with every chunk so that vectors of different models are
 * never compared and a model switch knows what to re-embed.
 *
 * @param name the configured name, e.g. {@code all-minilm-l6-v2}
 * @param fingerprint hex SHA-256 over the model file, the tokenizer file and the settings that
 *     shape a vector (pooling, normalisation, max tokens): equal fingerprints give equal vectors
 *     for equal texts
 * @param dimension the vectors' length
 */
public record EmbeddingModelVersion(String name, String fingerprint, int dimension) {}
