package dev.aic.aiworker.embedding;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Bad requests to the embedding endpoint as RFC 9457 problem details; Spring's own exceptions
 * (unreadable JSON, wrong media type) through {@link ResponseEntityExceptionHandler}, which renders
 * them the same way.
 */
@RestControllerAdvice(assignableTypes = EmbeddingEndpoint.class)
class EmbeddingEndpointErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(EmbeddingEndpoint.InvalidEmbeddingRequestException.class)
    ProblemDetail invalid(EmbeddingEndpoint.InvalidEmbeddingRequestException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid embedding request");
        return problem;
    }
}
