package dev.aic.queryside.knowledge;

/** The query could not be embedded with the model that search serves: the ai-worker is down, slow or changed. */
class EmbeddingUnavailableException extends RuntimeException {

    EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    EmbeddingUnavailableException(String message) {
        super(message);
    }
}
