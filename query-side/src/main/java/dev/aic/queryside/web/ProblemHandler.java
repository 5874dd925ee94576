package dev.aic.queryside.web;

import dev.aic.queryside.consistency.InvalidConsistencyTokenException;
import dev.aic.queryside.communityevent.CommunityEventNotFoundException;
import dev.aic.queryside.consistency.NotYetConsistentException;
import dev.aic.queryside.consistency.TooManyWaitingException;
import dev.aic.queryside.user.NotRegisteredException;
import dev.aic.queryside.user.UserNotFoundException;
import dev.aic.web.http.ApiHeaders;
import dev.aic.web.problem.FieldError;
import dev.aic.web.problem.Problems;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query-side's own problems; everything generic is platform-web's {@code ApiProblemHandler}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    @ExceptionHandler({UserNotFoundException.class, CommunityEventNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(NotRegisteredException.class)
    ProblemDetail notRegistered(NotRegisteredException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-registered", "Not registered", e.getMessage());
    }

    @ExceptionHandler(InvalidCursorException.class)
    ProblemDetail invalidCursor(InvalidCursorException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor", e.getMessage());
        problem.setProperty("errors", List.of(new FieldError("cursor", e.getMessage())));
        return problem;
    }

    @ExceptionHandler(InvalidConsistencyTokenException.class)
    ProblemDetail invalidConsistencyToken(InvalidConsistencyTokenException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "'" + ApiHeaders.CONSISTENCY_TOKEN + "' " + e.getMessage());
        problem.setProperty("errors", List.of(new FieldError(ApiHeaders.CONSISTENCY_TOKEN, e.getMessage())));
        return problem;
    }

    /** Not a failure: the answer is not ready yet, and the client knows when to ask again. */
    @ExceptionHandler(NotYetConsistentException.class)
    ResponseEntity<ProblemDetail> notYetConsistent(NotYetConsistentException e) {
        ProblemDetail problem = Problems.of(HttpStatus.ACCEPTED, "not-yet-consistent", "Not yet consistent",
                e.getMessage());
        problem.setProperty("consistencyToken", Long.toString(e.position()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(TooManyWaitingException.class)
    ResponseEntity<ProblemDetail> tooManyWaiting(TooManyWaitingException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(HttpStatus.TOO_MANY_REQUESTS,
                        "too-many-waiting", "Too many waiting requests", e.getMessage()));
    }
}
