package dev.aic.commandside.audit;

import dev.aic.web.problem.FieldError;
import dev.aic.web.problem.Problems;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The problems of the audit API; everything generic is platform-web's. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditProblems {

    @ExceptionHandler(EntityNotFoundException.class)
    ProblemDetail notFound(EntityNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(InvalidCursorException.class)
    ProblemDetail invalidCursor(InvalidCursorException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor", e.getMessage());
        problem.setProperty("errors", List.of(new FieldError("cursor", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(InvalidAuditRequestException.class)
    ProblemDetail invalid(InvalidAuditRequestException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "'" + e.field() + "' " + e.getMessage());
        problem.setProperty("errors", List.of(new FieldError(e.field(), e.getMessage())));
        return problem;
    }
}
