package dev.aic.queryside.knowledge;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.Problems;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The query could not be embedded with the model that search serves: the ai-worker is down, slow or
 * changed.
 */
class EmbeddingUnavailableException extends RuntimeException implements TypedProblem {

    private static final ProblemType PROBLEM =
            new ProblemType(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "embedding-unavailable",
                    "Semantic search unavailable");

    static final int RETRY_AFTER_SECONDS = 10;

    EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    EmbeddingUnavailableException(String message) {
        super(message);
    }

    @Override
    public ProblemType problemType() {
        return PROBLEM;
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
