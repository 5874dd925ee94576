package dev.aic.queryside.knowledge;

import dev.aic.web.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The knowledge hub's own problem: a query that cannot be embedded now, but may be shortly. */
@RestControllerAdvice(assignableTypes = KnowledgeController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class KnowledgeProblemHandler {

    static final String RETRY_AFTER_SECONDS = "10";
    private static final Logger log = LoggerFactory.getLogger(KnowledgeProblemHandler.class);

    @ExceptionHandler(EmbeddingUnavailableException.class)
    ResponseEntity<ProblemDetail> embeddingUnavailable(EmbeddingUnavailableException e) {
        log.warn("Semantic search unavailable: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "embedding-unavailable",
                "Semantic search unavailable", "The query cannot be embedded right now; try again later, or search"
                        + " with mode=fulltext");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                RETRY_AFTER_SECONDS).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
