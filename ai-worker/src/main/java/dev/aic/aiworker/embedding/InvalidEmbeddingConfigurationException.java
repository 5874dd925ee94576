package dev.aic.aiworker.embedding;

/**
 * The embedding configuration cannot work: a model is missing, misnamed or does not match its
 * settings.
 */
public class InvalidEmbeddingConfigurationException extends IllegalStateException {

    InvalidEmbeddingConfigurationException(String message) {
        super(message);
    }

    InvalidEmbeddingConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
