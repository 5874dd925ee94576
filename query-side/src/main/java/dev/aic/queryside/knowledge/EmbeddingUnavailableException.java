package dev.aic.queryside.knowledge;

import dev.aic.web.problem.DescribedProblem;
import dev.aic.web.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The query could not be embedded with the model that search serves: the ai-worker is down, slow or changed. */
class EmbeddingUnavailableException extends RuntimeException implements DescribedProblem {

    static final int RETRY_AFTER_SECONDS = 10;

    EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    EmbeddingUnavailableException(String message) {
        super(message);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }

    @Override
    public String type() {
        return "embedding-unavailable";
    }

    @Override
    public String title() {
        return "Semantic search unavailable";
    }

    /** What went wrong is logged; the caller learns what to do. */
    @Override
    public String detail() {
        return "The query cannot be embedded right now; try again later, or search with mode=fulltext";
    }

    @Override
    public HttpHeaders headers() {
        return Problems.retryAfter(RETRY_AFTER_SECONDS);
    }
}
