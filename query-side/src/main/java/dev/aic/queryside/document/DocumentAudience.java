package dev.aic.queryside.document;

import dev.aic.contracts.user.Role;
import dev.aic.web.security.Caller;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who may read a document and everything derived from it (its chunks, search hits, answers): the
 * one rule, as a SQL predicate over rows that carry a document's {@code owner_id}, {@code
 * visibility} and {@code community_event_id}, as both {@code document} and {@code document_chunk}
 * do.
 *
 * <ul>
 *   <li>administrators and auditors read every document;
 *   <li>the owner reads their own, whatever its visibility;
 *   <li>anyone signed in with a role reads {@code PUBLIC} and {@code MEMBERS} documents;
 *   <li>{@code EVENT_ATTENDEES} documents are read by the organisers of their community event and
 *       by the members who hold a seat in it ({@code CONFIRMED}, checked in or not), as the {@code
 *       community_event} read model says now: a member who gives up their seat loses access; one on
 *       the waiting list has none;
 *   <li>without a caller (anonymous) only {@code PUBLIC} documents.
 * </ul>
 *
 * A deactivated account has no owner or attendee rights; what its roles allow still holds. Someone
 * who may not read a document must not learn it exists: callers answer 404, never 403, and filter
 * rather than refuse.
 *
 * <pre>{@code
 * DocumentAudience.Condition audience = DocumentAudience.of(caller).condition("c");
 * jdbc.query("SELECT ... FROM document_chunk c WHERE c.model_fingerprint = ? AND " + audience.sql() + " LIMIT ?",
 *         mapper, audience.arguments(List.of(fingerprint), limit));
 * }</pre>
 */
public final class DocumentAudience {

    private static final Pattern ALIAS = Pattern.compile("[a-z_][a-z0-9_]*");

    private final boolean everything;
    private final boolean signedIn;
    private final UUID user;

    private DocumentAudience(boolean everything, boolean signedIn, UUID user) {
        this.everything = everything;
        this.signedIn = signedIn;
        this.user = user;
    }

    /**
     * Sees every document: for reading a status once on behalf of readers whose own audience is
     * checked apart.
     */
    static DocumentAudience everyone() {
        return new DocumentAudience(true, true, null);
    }

    /** The audience {@code caller} belongs to; null for an anonymous request. */
    public static DocumentAudience of(Caller caller) {
        if (caller == null) {
            return new DocumentAudience(false, false, null);
        }
        boolean everything = caller.has(Role.ADMIN) || caller.has(Role.AUDITOR);
        boolean member = !caller.roles().isEmpty();
        UUID user = caller.deactivated() ? null : caller.userId().orElse(null);
        return new DocumentAudience(everything, member, user);
    }

    /** True for administrators and auditors: the condition is {@code TRUE}, no filter is needed. */
    public boolean seesEverything() {
        return everything;
    }

    /**
     * The platform user whose own and attended-event documents are readable; empty when there is
     * none.
     */
    public Optional<UUID> user() {
        return Optional.ofNullable(user);
    }

    /**
     * The predicate over the rows of {@code alias} (a table alias such as {@code d} or {@code c},
     * whose {@code owner_id}, {@code visibility} and {@code community_event_id} columns are read),
     * with its positional ({@code ?}) parameters in order. It reads {@code community_event} and
     * {@code community_event_rsvp} of the {@code query} schema. The SQL is parenthesised.
     */
    public Condition condition(String alias) {
        if (!ALIAS.matcher(alias).matches()) {
            throw new IllegalArgumentException("Not a table alias: " + alias);
        }
        if (everything) {
            return new Condition("(TRUE)", List.of());
        }
        String shared = signedIn ? "('PUBLIC', 'MEMBERS')" : "('PUBLIC')";
        if (user == null) {
            return new Condition("(" + alias + ".visibility IN " + shared + ")", List.of());
        }
        String sql =
                """
                (%1$s.visibility IN %2$s OR %1$s.owner_id = ?
                 OR (%1$s.visibility = 'EVENT_ATTENDEES' AND EXISTS (
                     SELECT 1 FROM community_event audience_event
                     WHERE audience_event.id = %1$s.community_event_id
                       AND (?::uuid = ANY (audience_event.organizers) OR EXISTS (
                           SELECT 1 FROM community_event_rsvp audience_seat
                           WHERE audience_seat.event_id = audience_event.id AND audience_seat.user_id = ?
                             AND audience_seat.state = 'CONFIRMED')))))"""
                        .formatted(alias, shared);
        return new Condition(sql, List.of(user, user, user));
    }

    /**
     * A SQL boolean expression and the values of its {@code ?} placeholders, in order.
     *
     * @param sql parenthesised, safe to join with {@code AND}
     * @param parameters never null; empty when the SQL has no placeholder
     */
    public record Condition(String sql, List<Object> parameters) {

        public Condition {
            parameters = List.copyOf(parameters);
        }

        /**
         * The arguments of a statement whose placeholders are {@code before}, then this
         * condition's, then {@code after}: for {@code "... WHERE d.id = ? AND " + sql() + " LIMIT
         * ?"}, {@code arguments(List.of(id), limit)}.
         */
        public Object[] arguments(List<?> before, Object... after) {
            Object[] all = new Object[before.size() + parameters.size() + after.length];
            int next = 0;
            for (Object value : before) {
                all[next++] = value;
            }
            for (Object value : parameters) {
                all[next++] = value;
            }
            for (Object value : after) {
                all[next++] = value;
            }
            return all;
        }
    }
}
