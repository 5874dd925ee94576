package dev.aic.commandside.agenda;

import dev.aic.contracts.agenda.Conflict;
import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A command an agenda refuses, and why; the kind decides the problem type and status. A broken hard
 * rule carries the {@link Conflict} the shared checker found: the rule and the conflicting session.
 */
public class AgendaRuleViolation extends RuntimeException implements TypedProblem {

    public enum Kind {
        NOT_AN_ORGANIZER(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
        UNKNOWN_ITEM(HttpStatus.NOT_FOUND, "not-found", "Not found"),
        INVALID(HttpStatus.UNPROCESSABLE_ENTITY, "agenda-invalid", "Invalid agenda change"),
        LOCKED(HttpStatus.CONFLICT, "session-locked", "Session locked"),
        NOT_PLACED(HttpStatus.CONFLICT, "session-not-placed", "Session not placed"),
        NOT_PUBLISHED(HttpStatus.CONFLICT, "agenda-not-published", "Agenda not published"),
        NO_SUCH_PROPOSAL(HttpStatus.CONFLICT, "no-such-proposal", "No such proposal"),
        HARD_RULE(HttpStatus.CONFLICT, null, null);

        private final ProblemType problem;

        Kind(HttpStatus status, String type, String title) {
            this.problem = new ProblemType(status, type, title);
        }
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

    /** A broken hard rule is typed by the rule: {@code urn:aic:problem:room-double-booked}, … */
    @Override
    public ProblemType problemType() {
        if (kind != Kind.HARD_RULE) {
            return kind.problem;
        }
        String type = conflict.rule().problemType();
        return new ProblemType(kind.problem.status(), type, "Hard rule broken: " + type);
    }

    /** A broken hard rule names the rule, the session and the one it collides with. */
    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (kind == Kind.HARD_RULE) {
            properties.put("rule", conflict.rule().name());
            properties.put("sessionId", conflict.sessionId());
            if (conflict.conflictingSessionId() != null) {
                properties.put("conflictingSessionId", conflict.conflictingSessionId());
            }
        }
        return properties;
    }
}
