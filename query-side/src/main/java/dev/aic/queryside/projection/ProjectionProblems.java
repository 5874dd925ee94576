package dev.aic.queryside.projection;

import dev.aic.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Unknown projections and letters, typed as the other not-found problems of the query-side. */
@RestControllerAdvice(assignableTypes = ProjectionAdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProjectionProblems {

    @ExceptionHandler({UnknownProjectionException.class, DeadLetterNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }
}
