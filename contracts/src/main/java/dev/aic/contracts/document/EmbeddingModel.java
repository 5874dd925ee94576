package dev.aic.contracts.document;

/**
 * Which model produced a vector. Vectors of different models (or of the same name with another
 * fingerprint) are never compared.
 *
 * @param name the configured name, e.g. {@code all-minilm-l6-v2}
 * @param fingerprint hex SHA-256 over the model file, the tokenizer file and the settings that
 *     shape a vector
 * @param dimension the vectors' length
 */
public record EmbeddingModel(String name, String fingerprint, int dimension) {}
