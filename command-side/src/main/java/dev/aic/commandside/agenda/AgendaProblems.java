package dev.aic.commandside.agenda;

import dev.aic.contracts.agenda.Conflict;
import dev.aic.web.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of agendas; everything generic is platform-web's. A broken hard rule is a 409 whose type is the
 * rule ({@code urn:aic:problem:room-double-booked}, …) and which names the session and the one it collides with.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgendaProblems {

    @ExceptionHandler(AgendaRuleViolation.class)
    ProblemDetail ruleViolated(AgendaRuleViolation e) {
        return switch (e.kind()) {
            case NOT_AN_ORGANIZER -> Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
            case UNKNOWN_ITEM -> Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
            case INVALID -> Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "agenda-invalid", "Invalid agenda change",
                    e.getMessage());
            case LOCKED -> Problems.of(HttpStatus.CONFLICT, "session-locked", "Session locked", e.getMessage());
            case NOT_PLACED -> Problems.of(HttpStatus.CONFLICT, "session-not-placed", "Session not placed",
                    e.getMessage());
            case NOT_PUBLISHED -> Problems.of(HttpStatus.CONFLICT, "agenda-not-published", "Agenda not published",
                    e.getMessage());
            case NO_SUCH_PROPOSAL -> Problems.of(HttpStatus.CONFLICT, "no-such-proposal", "No such proposal",
                    e.getMessage());
            case HARD_RULE -> hardRule(e.conflict());
        };
    }

    private static ProblemDetail hardRule(Conflict conflict) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, conflict.rule().problemType(),
                "Hard rule broken: " + conflict.rule().problemType(), conflict.detail());
        problem.setProperty("rule", conflict.rule().name());
        problem.setProperty("sessionId", conflict.sessionId());
        if (conflict.conflictingSessionId() != null) {
            problem.setProperty("conflictingSessionId", conflict.conflictingSessionId());
        }
        return problem;
    }
}
