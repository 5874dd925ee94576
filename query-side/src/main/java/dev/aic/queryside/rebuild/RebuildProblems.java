package dev.aic.queryside.rebuild;

import dev.aic.queryside.projection.UnknownProjectionException;
import dev.aic.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(assignableTypes = RebuildController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RebuildProblems {

    @ExceptionHandler(UnknownProjectionException.class)
    ProblemDetail unknown(UnknownProjectionException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(RebuildConflictException.class)
    ProblemDetail conflict(RebuildConflictException e) {
        return Problems.of(HttpStatus.CONFLICT, "rebuild-conflict", "Rebuild conflict", e.getMessage());
    }
}
