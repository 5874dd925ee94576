package dev.aic.commandside.agenda;

import dev.aic.contracts.agenda.Conflict;

/**
 * A command an agenda refuses, and why; the kind decides the problem type and status. A broken hard rule
 * carries the {@link Conflict} the shared checker found: the rule and the conflicting session.
 */
public class AgendaRuleViolation extends RuntimeException {

    public enum Kind {
        NOT_AN_ORGANIZER,
        UNKNOWN_ITEM,
        INVALID,
        LOCKED,
        NOT_PLACED,
        NOT_PUBLISHED,
        NO_SUCH_PROPOSAL,
        HARD_RULE
    }

    private final Kind kind;
    private final transient Conflict conflict;

    AgendaRuleViolation(Kind kind, String message) {
        this(kind, null, message);
    }

    private AgendaRuleViolation(Kind kind, Conflict conflict, String message) {
        super(message);
        this.kind = kind;
        this.conflict = conflict;
    }

    static AgendaRuleViolation broken(Conflict conflict) {
        return new AgendaRuleViolation(Kind.HARD_RULE, conflict, conflict.detail());
    }

    public Kind kind() {
        return kind;
    }

    /** The broken hard rule, for {@link Kind#HARD_RULE}; otherwise null. */
    public Conflict conflict() {
        return conflict;
    }
}
