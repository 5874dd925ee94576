package dev.aic.queryside.agenda;

import dev.aic.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The problems of agenda queries; everything generic is platform-web's. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgendaQueryProblems {

    @ExceptionHandler(AgendaNotFoundException.class)
    ProblemDetail notFound(AgendaNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }
}
