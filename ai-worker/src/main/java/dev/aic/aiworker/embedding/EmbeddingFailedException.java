package dev.aic.aiworker.embedding;

/**
 * The model failed on input it should have taken: an inference error, not a configuration problem.
 */
public class EmbeddingFailedException extends RuntimeException {

    EmbeddingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
