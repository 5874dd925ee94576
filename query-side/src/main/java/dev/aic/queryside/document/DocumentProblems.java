package dev.aic.queryside.document;

import dev.aic.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The documents' own problem, typed as the other not-found problems of the query-side. */
@RestControllerAdvice(assignableTypes = DocumentQueryController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DocumentProblems {

    @ExceptionHandler(DocumentNotFoundException.class)
    ProblemDetail notFound(DocumentNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }
}
