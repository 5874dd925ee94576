package dev.aic.commandside.communityevent;

import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import org.springframework.http.HttpStatus;

/** A command a community event refuses, and why; the kind decides the problem type and status. */
public class RuleViolation extends RuntimeException implements TypedProblem {

    public enum Kind {
        NOT_AN_ORGANIZER(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
        CANCELLED(HttpStatus.CONFLICT, "event-cancelled", "Event cancelled"),
        NOT_PUBLISHED(HttpStatus.CONFLICT, "event-not-published", "Event not published"),
        IN_THE_PAST(
                HttpStatus.UNPROCESSABLE_ENTITY, "schedule-in-the-past", "Schedule in the past"),
        ENDS_BEFORE_IT_STARTS(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "schedule-ends-before-start",
                "Schedule ends before it starts"),
        NOT_ATTENDING(HttpStatus.CONFLICT, "not-attending", "Not attending"),
        CAPACITY_BELOW_ATTENDANCE(
                HttpStatus.CONFLICT, "capacity-below-attendance", "Capacity below attendance"),
        AGENDA_ALREADY_OPEN(HttpStatus.CONFLICT, "agenda-already-open", "Agenda already open");

        private final ProblemType problem;

        Kind(HttpStatus status, String type, String title) {
            this.problem = new ProblemType(status, type, title);
        }
    }

    private final Kind kind;

    RuleViolation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public ProblemType problemType() {
        return kind.problem;
    }
}
