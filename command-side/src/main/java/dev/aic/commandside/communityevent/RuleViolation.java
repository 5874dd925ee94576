package dev.aic.commandside.communityevent;

/** A command a community event refuses, and why; the kind decides the problem type and status. */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        NOT_AN_ORGANIZER,
        CANCELLED,
        NOT_PUBLISHED,
        IN_THE_PAST,
        ENDS_BEFORE_IT_STARTS,
        NOT_ATTENDING,
        CAPACITY_BELOW_ATTENDANCE,
        AGENDA_ALREADY_OPEN
    }

    private final Kind kind;

    RuleViolation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
