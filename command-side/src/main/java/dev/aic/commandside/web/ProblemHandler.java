package dev.aic.commandside.web;

import dev.aic.commandside.communityevent.RuleViolation;
import dev.aic.commandside.user.EmailAlreadyRegisteredException;
import dev.aic.commandside.user.EmailNotVerifiedException;
import dev.aic.commandside.user.IdentityAlreadyRegisteredException;
import dev.aic.commandside.user.MemberErasedException;
import dev.aic.commandside.user.NotRegisteredException;
import dev.aic.web.problem.Problems;
import java.net.URI;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.core.Ordered;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The command-side's own problems; everything generic is platform-web's {@code ApiProblemHandler}. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    @ExceptionHandler(EmailAlreadyRegisteredException.class)
    ProblemDetail emailTaken(EmailAlreadyRegisteredException e) {
        return Problems.of(HttpStatus.CONFLICT, "email-already-registered", "E-mail already registered", e.getMessage());
    }

    @ExceptionHandler(EmailNotVerifiedException.class)
    ProblemDetail emailNotVerified(EmailNotVerifiedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "email-not-verified", "E-mail address not verified", e.getMessage());
    }

    @ExceptionHandler(IdentityAlreadyRegisteredException.class)
    ResponseEntity<ProblemDetail> alreadyRegistered(IdentityAlreadyRegisteredException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "already-registered", "Already registered",
                e.getMessage());
        problem.setProperty("userId", e.userId());
        return ResponseEntity.status(HttpStatus.CONFLICT).location(URI.create("/api/users/" + e.userId())).body(problem);
    }

    @ExceptionHandler(MemberErasedException.class)
    ProblemDetail memberErased(MemberErasedException e) {
        return Problems.of(HttpStatus.CONFLICT, "member-erased", "Member erased", e.getMessage());
    }

    @ExceptionHandler(NotRegisteredException.class)
    ProblemDetail notRegistered(NotRegisteredException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-registered", "Not registered", e.getMessage());
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail staleVersion(ConflictingAggregateVersionException e) {
        ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version",
                "It changed since you read it: read it again and retry with its new ETag");
        problem.setProperty("currentVersion", e.getActualVersion());
        return problem;
    }

    /** Two commands on the same aggregate at the same moment: the loser may simply retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "Someone changed it at the same moment; retry");
    }

    /** Lost a race on a unique claim (the same identity registering twice at once). */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "Someone changed it at the same moment; retry");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "Nothing with id " + e.getAggregateIdentifier());
    }

    /** A community event refused a command: the rule it broke decides status and type. */
    @ExceptionHandler(RuleViolation.class)
    ProblemDetail ruleViolated(RuleViolation e) {
        return switch (e.kind()) {
            case NOT_AN_ORGANIZER -> Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
            case CANCELLED -> Problems.of(HttpStatus.CONFLICT, "event-cancelled", "Event cancelled", e.getMessage());
            case NOT_PUBLISHED -> Problems.of(HttpStatus.CONFLICT, "event-not-published", "Event not published",
                    e.getMessage());
            case IN_THE_PAST -> Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "schedule-in-the-past",
                    "Schedule in the past", e.getMessage());
            case ENDS_BEFORE_IT_STARTS -> Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "schedule-ends-before-start",
                    "Schedule ends before it starts", e.getMessage());
            case NOT_ATTENDING -> Problems.of(HttpStatus.CONFLICT, "not-attending", "Not attending", e.getMessage());
            case CAPACITY_BELOW_ATTENDANCE -> Problems.of(HttpStatus.CONFLICT, "capacity-below-attendance",
                    "Capacity below attendance", e.getMessage());
            case AGENDA_ALREADY_OPEN -> Problems.of(HttpStatus.CONFLICT, "agenda-already-open", "Agenda already open",
                    e.getMessage());
        };
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused",
                e.getMessage());
    }
}
