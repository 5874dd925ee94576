package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what (docs/api.md), checked over real HTTP with real tokens: every endpoint of both
 * services against every kind of caller, each cell its own test. Allowed means anything but 401/403
 * (the request may still be refused for its content), and 200 for the analytics API's read-only
 * figures; denied means 401 without a token and 403 with one. Then the object-level rules a role
 * table cannot show, and which paths are open without a token.
 */
class AuthorizationMatrixIT {

    enum Caller {
        ANONYMOUS(null),
        NEWBIE("newbie"),
        MEMBER("alice"),
        ORGANIZER("olivia"),
        ADMIN("adam"),
        AUDITOR("audrey"),
        ANALYST("anna"),
        DIRECTORY_GROUP_ADMIN("erin");

        final String username;

        Caller(String username) {
            this.username = username;
        }

        @Override
        public String toString() {
            return username == null
                    ? "anonymous"
                    : username + " (" + name().toLowerCase().replace('_', ' ') + ")";
        }
    }

    private static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    private static final Set<Caller> ROLE_HOLDERS =
            EnumSet.of(
                    Caller.MEMBER,
                    Caller.ORGANIZER,
                    Caller.ADMIN,
                    Caller.AUDITOR,
                    Caller.ANALYST,
                    Caller.DIRECTORY_GROUP_ADMIN);
    private static final Set<Caller> ADMINS =
            EnumSet.of(Caller.ADMIN, Caller.DIRECTORY_GROUP_ADMIN);

    /** The event's organiser (olivia drafted it) and administrators: the aggregate's rule. */
    private static final Set<Caller> ORGANISERS =
            EnumSet.of(Caller.ORGANIZER, Caller.ADMIN, Caller.DIRECTORY_GROUP_ADMIN);

    private static final Set<Caller> ORGANISERS_AND_AUDITORS =
            EnumSet.of(
                    Caller.ORGANIZER, Caller.ADMIN, Caller.DIRECTORY_GROUP_ADMIN, Caller.AUDITOR);

    /** olivia uploaded the document, and administrators: the document aggregate's rule. */
    private static final Set<Caller> DOCUMENT_KEEPERS =
            EnumSet.of(Caller.ORGANIZER, Caller.ADMIN, Caller.DIRECTORY_GROUP_ADMIN);

    private static final Set<Caller> AUDITORS =
            EnumSet.of(Caller.AUDITOR, Caller.ADMIN, Caller.DIRECTORY_GROUP_ADMIN);

    /**
     * The analytics API: analysts, auditors and administrators, who must get the figures (200), not
     * just pass.
     */
    private static final Set<Caller> ANALYSTS =
            EnumSet.of(Caller.ANALYST, Caller.AUDITOR, Caller.ADMIN, Caller.DIRECTORY_GROUP_ADMIN);

    /**
     * Registered users with a role: registration itself grants MEMBER, so the auditor and analyst
     * may RSVP too.
     */
    private static final Set<Caller> PARTICIPANTS = ROLE_HOLDERS;

    /**
     * One endpoint: how to call it on the shared fixture, and who may. Self-registration comes
     * last: it registers the caller, and newbie must stay unregistered (and without a role) until
     * then.
     */
    enum Endpoint {
        QUERY_ME("GET /api/me (query)", SIGNED_IN, f -> f.query("GET", "/api/me", null)),
        QUERY_USER(
                "GET /api/users/{id} (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/users/" + f.target, null)),
        QUERY_USERS(
                "GET /api/users (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/users?limit=5", null)),
        REGISTER_USER(
                "POST /api/users",
                ADMINS,
                f ->
                        f.command(
                                "POST",
                                "/api/users",
                                "{\"email\":\"matrix-"
                                        + UUID.randomUUID()
                                        + "@example.org\",\"displayName\":\"Matrix\"}")),
        UPDATE_PROFILE(
                "PUT /api/users/{id}/profile",
                ADMINS,
                f ->
                        f.command(
                                "PUT",
                                "/api/users/" + f.target + "/profile",
                                "{\"displayName\":\"Matrix " + UUID.randomUUID() + "\"}")),
        CHANGE_ROLES(
                "PUT /api/users/{id}/roles",
                ADMINS,
                f ->
                        f.command(
                                "PUT",
                                "/api/users/" + f.target + "/roles",
                                "{\"roles\":[\"MEMBER\"]}")),
        DEACTIVATE(
                "POST /api/users/{id}/deactivate",
                ADMINS,
                f ->
                        f.command(
                                "POST",
                                "/api/users/" + f.target + "/deactivate",
                                "{\"reason\":\"matrix\"}")),
        REACTIVATE(
                "POST /api/users/{id}/reactivate",
                ADMINS,
                f -> f.command("POST", "/api/users/" + f.target + "/reactivate", null)),
        CHANGE_EMAIL_PREFERENCES(
                "PUT /api/users/{id}/email-preferences",
                ADMINS,
                f ->
                        f.command(
                                "PUT",
                                "/api/users/" + f.target + "/email-preferences",
                                "{\"unsubscribed\":[\"EVENT_REMINDER\"]}")),
        // an e-mail's unsubscribe link: its token is the authority, so nobody is turned away before
        // it is looked up
        UNSUBSCRIBE_PAGE(
                "GET /api/email/unsubscribe/{token}",
                EnumSet.allOf(Caller.class),
                f -> f.command("GET", "/api/email/unsubscribe/no-such-token", null)),
        UNSUBSCRIBE(
                "POST /api/email/unsubscribe/{token}",
                EnumSet.allOf(Caller.class),
                f -> f.command("POST", "/api/email/unsubscribe/no-such-token", null)),
        QUERY_EVENTS(
                "GET /api/events (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/events?limit=5", null)),
        QUERY_EVENT(
                "GET /api/events/{id} (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/events/" + f.event, null)),
        QUERY_ATTENDEES(
                "GET /api/events/{id}/attendees (query)",
                ORGANISERS_AND_AUDITORS,
                f -> f.query("GET", "/api/events/" + f.event + "/attendees", null)),
        QUERY_STATS(
                "GET /api/events/{id}/stats (query)",
                ORGANISERS_AND_AUDITORS,
                f -> f.query("GET", "/api/events/" + f.event + "/stats", null)),
        QUERY_EVENT_CALENDAR(
                "GET /api/events/{id}/calendar.ics (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/events/" + f.event + "/calendar.ics", null)),
        QUERY_MY_EVENTS(
                "GET /api/me/events (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/me/events", null)),
        QUERY_MY_CALENDAR(
                "GET /api/me/calendar.ics (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/me/calendar.ics", null)),
        QUERY_DOCUMENT(
                "GET /api/documents/{id} (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/documents/" + document, null)),
        QUERY_DOCUMENT_CONTENT(
                "GET /api/documents/{id}/content (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/documents/" + document + "/content", null)),
        // an unknown document: the stream of a real one stays open until it is indexed
        QUERY_DOCUMENT_STATUS(
                "GET /api/documents/{id}/status/stream (query)",
                ROLE_HOLDERS,
                f ->
                        f.query(
                                "GET",
                                "/api/documents/" + UUID.randomUUID() + "/status/stream",
                                null)),
        QUERY_MY_DOCUMENTS(
                "GET /api/documents (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/documents?owner=me", null)),
        QUERY_PROCESSING_FAILURES(
                "GET /api/documents/processing-failures (query)",
                ADMINS,
                f -> f.query("GET", "/api/documents/processing-failures", null)),
        SEARCH(
                "GET /api/search (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/search?q=matrix+notes&mode=fulltext", null)),
        ASK(
                "POST /api/ask (query)",
                ROLE_HOLDERS,
                f ->
                        f.query(
                                "POST",
                                "/api/ask",
                                "{\"question\":\"What are the matrix notes about?\"}")),
        SEARCH_FEEDBACK(
                "POST /api/search/feedback (query)",
                ROLE_HOLDERS,
                f ->
                        f.query(
                                "POST",
                                "/api/search/feedback",
                                "{\"searchId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"documentId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"rank\":1}")),
        DRAFT_EVENT(
                "POST /api/events",
                EnumSet.of(Caller.ORGANIZER, Caller.ADMIN, Caller.DIRECTORY_GROUP_ADMIN),
                f -> f.command("POST", "/api/events", Request.draft())),
        CHANGE_EVENT_DETAILS(
                "PUT /api/events/{id}/details",
                ORGANISERS,
                f ->
                        f.command(
                                "PUT",
                                "/api/events/" + f.event + "/details",
                                "{\"title\":\"Matrix meetup\",\"venue\":\"Hall "
                                        + UUID.randomUUID()
                                        + "\",\"visibility\":\"PUBLIC\"}")),
        PUBLISH_EVENT(
                "POST /api/events/{id}/publish",
                ORGANISERS,
                f -> f.command("POST", "/api/events/" + f.event + "/publish", null)),
        RESCHEDULE_EVENT(
                "PUT /api/events/{id}/schedule",
                ORGANISERS,
                f -> f.command("PUT", "/api/events/" + f.event + "/schedule", Request.schedule())),
        CHANGE_CAPACITY(
                "PUT /api/events/{id}/capacity",
                ORGANISERS,
                f -> f.command("PUT", "/api/events/" + f.event + "/capacity", "{\"capacity\":40}")),
        ADD_ORGANIZER(
                "POST /api/events/{id}/organizers",
                ORGANISERS,
                f ->
                        f.command(
                                "POST",
                                "/api/events/" + f.event + "/organizers",
                                "{\"userId\":\"" + f.target + "\"}")),
        RSVP(
                "POST /api/events/{id}/rsvp",
                PARTICIPANTS,
                f -> f.command("POST", "/api/events/" + f.event + "/rsvp", null)),
        CANCEL_RSVP(
                "DELETE /api/events/{id}/rsvp",
                PARTICIPANTS,
                f -> f.command("DELETE", "/api/events/" + f.event + "/rsvp", null)),
        CHECK_IN(
                "POST /api/events/{id}/check-ins",
                ORGANISERS,
                f ->
                        f.command(
                                "POST",
                                "/api/events/" + f.event + "/check-ins",
                                "{\"userId\":\"" + f.target + "\"}")),
        // last of the event rows: every later cell meets a cancelled event, which still decides who
        // may ask
        CANCEL_EVENT(
                "POST /api/events/{id}/cancel",
                ORGANISERS,
                f ->
                        f.command(
                                "POST",
                                "/api/events/" + f.event + "/cancel",
                                "{\"reason\":\"matrix\"}")),
        // the agenda (opened and published in setUp) is an aggregate of its own: the event's
        // cancellation leaves it be
        OPEN_AGENDA(
                "POST /api/events/{id}/agenda",
                ORGANISERS,
                f -> f.command("POST", "/api/events/" + f.event + "/agenda", null)),
        ADD_AGENDA_ROOM(
                "POST /api/events/{eventId}/agenda/rooms",
                ORGANISERS,
                f ->
                        f.command(
                                "POST",
                                f.agenda("/rooms"),
                                "{\"name\":\"Matrix room\",\"capacity\":10}")),
        CHANGE_AGENDA_ROOM(
                "PUT /api/events/{eventId}/agenda/rooms/{roomId}",
                ORGANISERS,
                f ->
                        f.command(
                                "PUT",
                                f.agenda("/rooms/" + UUID.randomUUID()),
                                "{\"name\":\"Matrix room\",\"capacity\":10}")),
        ADD_AGENDA_SLOT(
                "POST /api/events/{eventId}/agenda/slots",
                ORGANISERS,
                f -> f.command("POST", f.agenda("/slots"), Request.agendaSlot())),
        CHANGE_AGENDA_SLOT(
                "PUT /api/events/{eventId}/agenda/slots/{slotId}",
                ORGANISERS,
                f ->
                        f.command(
                                "PUT",
                                f.agenda("/slots/" + UUID.randomUUID()),
                                Request.agendaSlot())),
        ADD_AGENDA_SESSION(
                "POST /api/events/{eventId}/agenda/sessions",
                ORGANISERS,
                f -> f.command("POST", f.agenda("/sessions"), Request.agendaSession())),
        CHANGE_AGENDA_SESSION(
                "PUT /api/events/{eventId}/agenda/sessions/{sessionId}",
                ORGANISERS,
                f ->
                        f.command(
                                "PUT",
                                f.agenda("/sessions/" + UUID.randomUUID()),
                                Request.agendaSession())),
        STATE_SPEAKER_AVAILABILITY(
                "PUT /api/events/{eventId}/agenda/speakers/{userId}/availability",
                ORGANISERS,
                f ->
                        f.command(
                                "PUT",
                                f.agenda("/speakers/" + f.target + "/availability"),
                                "{\"unavailable\":[]}")),
        PLACE_AGENDA_SESSION(
                "PUT /api/events/{eventId}/agenda/sessions/{sessionId}/placement",
                ORGANISERS,
                f ->
                        f.command(
                                "PUT",
                                f.agenda("/sessions/" + UUID.randomUUID() + "/placement"),
                                "{\"slotId\":\""
                                        + UUID.randomUUID()
                                        + "\",\"roomId\":\""
                                        + UUID.randomUUID()
                                        + "\"}")),
        UNASSIGN_AGENDA_SESSION(
                "DELETE /api/events/{eventId}/agenda/sessions/{sessionId}/placement",
                ORGANISERS,
                f ->
                        f.command(
                                "DELETE",
                                f.agenda("/sessions/" + UUID.randomUUID() + "/placement"),
                                null)),
        LOCK_AGENDA_SESSION(
                "POST /api/events/{eventId}/agenda/sessions/{sessionId}/lock",
                ORGANISERS,
                f -> f.command("POST", f.agenda("/sessions/" + UUID.randomUUID() + "/lock"), null)),
        UNLOCK_AGENDA_SESSION(
                "DELETE /api/events/{eventId}/agenda/sessions/{sessionId}/lock",
                ORGANISERS,
                f ->
                        f.command(
                                "DELETE",
                                f.agenda("/sessions/" + UUID.randomUUID() + "/lock"),
                                null)),
        PUBLISH_AGENDA(
                "POST /api/events/{eventId}/agenda/publish",
                ORGANISERS,
                f -> f.command("POST", f.agenda("/publish"), null)),
        MARK_AGENDA_SESSION(
                "PUT /api/events/{eventId}/agenda/sessions/{sessionId}/mark",
                PARTICIPANTS,
                f -> f.command("PUT", f.agenda("/sessions/" + UUID.randomUUID() + "/mark"), null)),
        UNMARK_AGENDA_SESSION(
                "DELETE /api/events/{eventId}/agenda/sessions/{sessionId}/mark",
                PARTICIPANTS,
                f ->
                        f.command(
                                "DELETE",
                                f.agenda("/sessions/" + UUID.randomUUID() + "/mark"),
                                null)),
        // an agenda without sessions is refused with 422 before anything reaches the solver
        REQUEST_AGENDA_SOLVE(
                "POST /api/events/{eventId}/agenda/solves",
                ORGANISERS,
                f -> f.command("POST", f.agenda("/solves"), "{\"timeBudgetSeconds\":1}")),
        ACCEPT_AGENDA_PROPOSAL(
                "POST /api/events/{eventId}/agenda/solves/{solveId}/accept",
                ORGANISERS,
                f -> f.command("POST", f.agenda("/solves/" + UUID.randomUUID() + "/accept"), null)),
        DISCARD_AGENDA_PROPOSAL(
                "POST /api/events/{eventId}/agenda/solves/{solveId}/discard",
                ORGANISERS,
                f ->
                        f.command(
                                "POST",
                                f.agenda("/solves/" + UUID.randomUUID() + "/discard"),
                                null)),
        QUERY_AGENDA(
                "GET /api/events/{eventId}/agenda (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", f.agenda(""), null)),
        QUERY_AGENDA_CALENDAR(
                "GET /api/events/{eventId}/agenda/calendar.ics (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", f.agenda("/calendar.ics"), null)),
        QUERY_MY_AGENDA(
                "GET /api/events/{eventId}/agenda/mine (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", f.agenda("/mine"), null)),
        QUERY_MY_AGENDA_CALENDAR(
                "GET /api/events/{eventId}/agenda/mine/calendar.ics (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", f.agenda("/mine/calendar.ics"), null)),
        QUERY_AGENDA_SOLVE(
                "GET /api/events/{eventId}/agenda/solves/{solveId} (query)",
                ORGANISERS_AND_AUDITORS,
                f -> f.query("GET", f.agenda("/solves/" + UUID.randomUUID()), null)),
        QUERY_AGENDA_SOLVE_STREAM(
                "GET /api/events/{eventId}/agenda/solves/{solveId}/stream (query)",
                ORGANISERS_AND_AUDITORS,
                f -> f.query("GET", f.agenda("/solves/" + UUID.randomUUID() + "/stream"), null)),
        UPLOAD_DOCUMENT(
                "POST /api/documents", ROLE_HOLDERS, f -> f.upload("POST", "/api/documents", true)),
        REPLACE_DOCUMENT_CONTENT(
                "PUT /api/documents/{id}/content",
                DOCUMENT_KEEPERS,
                f -> f.upload("PUT", "/api/documents/" + document + "/content", false)),
        // allowed callers get 202, or 409 once the ai-worker has processed the document: neither
        // 401 nor 403
        REPROCESS_DOCUMENT(
                "POST /api/documents/{id}/reprocess",
                DOCUMENT_KEEPERS,
                f -> f.command("POST", "/api/documents/" + document + "/reprocess", null)),
        // after the replace row: later cells meet a deleted document, whose owner still decides who
        // may ask
        DELETE_DOCUMENT(
                "DELETE /api/documents/{id}",
                DOCUMENT_KEEPERS,
                f -> f.command("DELETE", "/api/documents/" + document, null)),
        AUDIT_HISTORY(
                "GET /api/audit/entities/{aggregateId}/events",
                AUDITORS,
                f -> f.command("GET", "/api/audit/entities/" + f.target + "/events", null)),
        AUDIT_STATE(
                "GET /api/audit/entities/{aggregateId}/state",
                AUDITORS,
                f ->
                        f.command(
                                "GET",
                                "/api/audit/entities/" + f.target + "/state?sequence=0",
                                null)),
        AUDIT_EXPORT(
                "GET /api/audit/events",
                AUDITORS,
                f ->
                        f.command(
                                "GET",
                                "/api/audit/events?aggregateType=User&from=" + Instant.now(),
                                null)),
        AUDIT_VERIFY_CHAIN(
                "GET /api/audit/chain/verify",
                AUDITORS,
                f -> f.command("GET", "/api/audit/chain/verify", null)),
        // an intact chain has nothing never-sealed: a repair records nothing
        AUDIT_REPAIR_CHAIN(
                "POST /api/audit/chain/repair",
                ADMINS,
                f ->
                        f.command(
                                "POST",
                                "/api/audit/chain/repair",
                                "{\"reason\":\"authorization matrix\"}")),
        // erasure cannot be undone: every cell erases a member of its own
        ERASE_MEMBER(
                "POST /api/admin/users/{id}/erasure",
                ADMINS,
                f ->
                        f.command(
                                "POST",
                                "/api/admin/users/" + f.throwawayMember() + "/erasure",
                                "{\"reason\":\"matrix\"}")),
        // newbie is not registered yet: 404, which is an answer, not a refusal
        EXPORT_MY_DATA(
                "POST /api/me/exports", SIGNED_IN, f -> f.command("POST", "/api/me/exports", null)),
        // someone else's export, or none: 404 for everyone signed in
        MY_DATA_EXPORT(
                "GET /api/me/exports/{id}",
                SIGNED_IN,
                f -> f.command("GET", "/api/me/exports/" + UUID.randomUUID(), null)),
        MY_DATA_ARCHIVE(
                "GET /api/me/exports/{id}/archive",
                SIGNED_IN,
                f -> f.command("GET", "/api/me/exports/" + UUID.randomUUID() + "/archive", null)),
        QUERY_PROJECTIONS(
                "GET /api/admin/projections (query)",
                ADMINS,
                f -> f.query("GET", "/api/admin/projections", null)),
        QUERY_PROJECTION(
                "GET /api/admin/projections/{processor} (query)",
                ADMINS,
                f -> f.query("GET", "/api/admin/projections/users", null)),
        QUERY_DEAD_LETTERS(
                "GET /api/admin/projections/{processor}/dead-letters (query)",
                ADMINS,
                f -> f.query("GET", "/api/admin/projections/users/dead-letters", null)),
        QUERY_DEAD_LETTER(
                "GET /api/admin/projections/{processor}/dead-letters/{letterId} (query)",
                ADMINS,
                f ->
                        f.query(
                                "GET",
                                "/api/admin/projections/users/dead-letters/" + UUID.randomUUID(),
                                null)),
        RETRY_DEAD_LETTERS(
                "POST /api/admin/projections/{processor}/dead-letters/retry (query)",
                ADMINS,
                f -> f.query("POST", "/api/admin/projections/users/dead-letters/retry", null)),
        RETRY_DEAD_LETTER_SEQUENCE(
                "POST /api/admin/projections/{processor}/dead-letters/sequences/{sequenceId}/retry (query)",
                ADMINS,
                f ->
                        f.query(
                                "POST",
                                "/api/admin/projections/users/dead-letters/sequences/"
                                        + UUID.randomUUID()
                                        + "/retry",
                                null)),
        EVICT_DEAD_LETTER(
                "DELETE /api/admin/projections/{processor}/dead-letters/{letterId} (query)",
                ADMINS,
                f ->
                        f.query(
                                "DELETE",
                                "/api/admin/projections/users/dead-letters/" + UUID.randomUUID(),
                                null)),
        EVICT_DEAD_LETTER_SEQUENCE(
                "DELETE /api/admin/projections/{processor}/dead-letters/sequences/{sequenceId} (query)",
                ADMINS,
                f ->
                        f.query(
                                "DELETE",
                                "/api/admin/projections/users/dead-letters/sequences/"
                                        + UUID.randomUUID(),
                                null)),
        // rebuilds of a projection no one has: the shared platform's read models stay as they are
        START_REBUILD(
                "POST /api/admin/projections/{processor}/rebuild (query)",
                ADMINS,
                f -> f.query("POST", "/api/admin/projections/no-such-projection/rebuild", null)),
        QUERY_REBUILD(
                "GET /api/admin/projections/{processor}/rebuild (query)",
                ROLE_HOLDERS,
                f -> f.query("GET", "/api/admin/projections/users/rebuild", null)),
        CANCEL_REBUILD(
                "DELETE /api/admin/projections/{processor}/rebuild (query)",
                ADMINS,
                f -> f.query("DELETE", "/api/admin/projections/no-such-projection/rebuild", null)),
        FORCE_REBUILD_SWAP(
                "POST /api/admin/projections/{processor}/rebuild/swap (query)",
                ADMINS,
                f ->
                        f.query(
                                "POST",
                                "/api/admin/projections/no-such-projection/rebuild/swap",
                                null)),
        COMPARE_REBUILD(
                "GET /api/admin/projections/{processor}/compare (query)",
                ADMINS,
                f -> f.query("GET", "/api/admin/projections/no-such-projection/compare", null)),
        ANALYTICS_MEMBERS_REGISTERED(
                "GET /api/analytics/series/members-registered (query)",
                ANALYSTS,
                f ->
                        f.query(
                                "GET",
                                "/api/analytics/series/members-registered?interval=month",
                                null)),
        ANALYTICS_COMMUNITY_EVENTS_CREATED(
                "GET /api/analytics/series/community-events-created (query)",
                ANALYSTS,
                f ->
                        f.query(
                                "GET",
                                "/api/analytics/series/community-events-created?interval=week",
                                null)),
        ANALYTICS_SEARCHES(
                "GET /api/analytics/series/searches (query)",
                ANALYSTS,
                f -> f.query("GET", "/api/analytics/series/searches?interval=day", null)),
        ANALYTICS_TOP_SEARCH_QUERIES(
                "GET /api/analytics/top/search-queries (query)",
                ANALYSTS,
                f -> f.query("GET", "/api/analytics/top/search-queries?size=5", null)),
        ANALYTICS_TOP_ZERO_RESULT_QUERIES(
                "GET /api/analytics/top/zero-result-queries (query)",
                ANALYSTS,
                f -> f.query("GET", "/api/analytics/top/zero-result-queries?size=5", null)),
        ANALYTICS_TOP_COMMUNITY_EVENT_TAGS(
                "GET /api/analytics/top/community-event-tags (query)",
                ANALYSTS,
                f -> f.query("GET", "/api/analytics/top/community-event-tags", null)),
        ANALYTICS_ATTENDANCE_FUNNEL(
                "GET /api/analytics/funnels/attendance (query)",
                ANALYSTS,
                f ->
                        f.query(
                                "GET",
                                "/api/analytics/funnels/attendance?communityEventId=" + f.event,
                                null)),
        REGISTER_SELF("POST /api/me", SIGNED_IN, f -> f.command("POST", "/api/me", "{}"));

        final String route;
        final Set<Caller> allowed;
        final Function<Request, Http.Reply> call;

        Endpoint(String route, Set<Caller> allowed, Function<Request, Http.Reply> call) {
            this.route = route;
            this.allowed = allowed;
            this.call = call;
        }

        @Override
        public String toString() {
            return route;
        }
    }

    /** A call as one caller, against the users every cell shares. */
    record Request(Platform platform, String token, String target, String event) {

        static String draft() {
            return "{\"title\":\"Matrix meetup\",\"startsAt\":\""
                    + Instant.now().plus(Duration.ofDays(30))
                    + "\",\"endsAt\":\""
                    + Instant.now().plus(Duration.ofDays(30)).plus(Duration.ofHours(2))
                    + "\",\"timeZone\":\"Europe/Amsterdam\",\"venue\":\"Hall 1\",\"capacity\":50,"
                    + "\"visibility\":\"PUBLIC\"}";
        }

        static String schedule() {
            Instant start =
                    Instant.now()
                            .plus(Duration.ofDays(31))
                            .plusSeconds((long) (Math.random() * 3600));
            return "{\"startsAt\":\""
                    + start
                    + "\",\"endsAt\":\""
                    + start.plus(Duration.ofHours(2))
                    + "\",\"timeZone\":\"Europe/Amsterdam\"}";
        }

        /** A member registered by an administrator for this one call. */
        String throwawayMember() {
            Http.Reply registered =
                    Http.to(platform.commandSide().url("/api/users"))
                            .bearer(platform.token("adam"))
                            .post(
                                    "{\"email\":\"matrix-erased-"
                                            + UUID.randomUUID()
                                            + "@example.org\",\"displayName\":\"Erased\"}");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            return registered.json().get("id").asText();
        }

        Http.Reply command(String method, String path, String json) {
            return Http.to(platform.commandSide().url(path)).bearer(token).sendJson(method, json);
        }

        /** A path under the matrix event's agenda. */
        String agenda(String suffix) {
            return "/api/events/" + event + "/agenda" + suffix;
        }

        static String agendaSlot() {
            Instant start = Instant.now().plus(Duration.ofDays(30));
            return "{\"startsAt\":\""
                    + start
                    + "\",\"endsAt\":\""
                    + start.plus(Duration.ofHours(1))
                    + "\",\"roomIds\":[\""
                    + UUID.randomUUID()
                    + "\"]}";
        }

        static String agendaSession() {
            return "{\"title\":\"Matrix talk\",\"speakers\":[],\"durationMinutes\":30,\"expectedAudience\":5}";
        }

        /**
         * A multipart upload of a small text file, with the form fields of a new document or
         * without.
         */
        Http.Reply upload(String method, String path, boolean newDocument) {
            Map<String, String> fields =
                    newDocument
                            ? Map.of("title", "Matrix notes", "visibility", "MEMBERS")
                            : Map.of();
            return Http.to(platform.commandSide().url(path))
                    .bearer(token)
                    .multipart(
                            method,
                            fields,
                            "matrix.txt",
                            ("Matrix notes " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        }

        Http.Reply query(String method, String path, String json) {
            return Http.to(platform.querySide().url(path)).bearer(token).sendJson(method, json);
        }
    }

    private static final Platform PLATFORM = Platform.shared();
    private static String target;
    private static String event;
    private static String document;

    @BeforeAll
    static void aUserToActOn() {
        Http.Reply registered =
                Http.to(PLATFORM.commandSide().url("/api/users"))
                        .bearer(PLATFORM.token("adam"))
                        .post(
                                "{\"email\":\"matrix-target-"
                                        + UUID.randomUUID()
                                        + "@example.org\",\"displayName\":\"Target\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        target = registered.json().get("id").asText();
        // everyone with a role is a registered user (newbie stays unregistered until the last row)
        for (Caller caller : ROLE_HOLDERS) {
            Http.to(PLATFORM.commandSide().url("/api/me"))
                    .bearer(PLATFORM.token(caller.username))
                    .post("{}");
        }
        String olivia = PLATFORM.token("olivia");
        Http.Reply drafted =
                Http.to(PLATFORM.commandSide().url("/api/events"))
                        .bearer(olivia)
                        .post(Request.draft());
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        event = drafted.json().get("id").asText();
        Http.Reply published =
                Http.to(PLATFORM.commandSide().url("/api/events/" + event + "/publish"))
                        .bearer(olivia)
                        .sendJson("POST", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        String consistencyToken = published.json().get("consistencyToken").asText();
        Http.Reply projected =
                Http.to(PLATFORM.querySide().url("/api/events/" + event))
                        .bearer(olivia)
                        .header("Consistency-Token", consistencyToken)
                        .get();
        assertThat(projected.status()).as(projected.toString()).isEqualTo(200);
        // a published agenda: members read it, so a solve of it is refused to them (403), not
        // hidden (404)
        Http.Reply opened =
                Http.to(PLATFORM.commandSide().url("/api/events/" + event + "/agenda"))
                        .bearer(olivia)
                        .sendJson("POST", null);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Http.Reply agendaPublished =
                Http.to(PLATFORM.commandSide().url("/api/events/" + event + "/agenda/publish"))
                        .bearer(olivia)
                        .sendJson("POST", null);
        assertThat(agendaPublished.status()).as(agendaPublished.toString()).isEqualTo(200);
        Http.Reply agendaProjected =
                Http.to(PLATFORM.querySide().url("/api/events/" + event + "/agenda"))
                        .bearer(olivia)
                        .header(
                                "Consistency-Token",
                                agendaPublished.json().get("consistencyToken").asText())
                        .get();
        assertThat(agendaProjected.status()).as(agendaProjected.toString()).isEqualTo(200);
        Http.Reply uploaded =
                new Request(PLATFORM, olivia, target, event).upload("POST", "/api/documents", true);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        document = uploaded.json().get("id").asText();
    }

    static Stream<Arguments> cells() {
        return Arrays.stream(Endpoint.values())
                .flatMap(
                        endpoint ->
                                Arrays.stream(Caller.values())
                                        .map(
                                                caller ->
                                                        arguments(
                                                                endpoint,
                                                                caller,
                                                                endpoint.allowed.contains(caller)
                                                                        ? "allowed"
                                                                        : "denied")));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("cells")
    void everyEndpointAgainstEveryCaller(Endpoint endpoint, Caller caller, String expected) {
        String token = caller.username == null ? null : PLATFORM.token(caller.username);

        Http.Reply reply = endpoint.call.apply(new Request(PLATFORM, token, target, event));

        if (expected.equals("allowed") && endpoint.allowed == ANALYSTS) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        } else if (expected.equals("allowed")) {
            assertThat(reply.status()).as(reply.toString()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(reply.status())
                    .as(reply.toString())
                    .isEqualTo(caller == Caller.ANONYMOUS ? 401 : 403);
            assertThat(reply.header("Content-Type"))
                    .as(reply.toString())
                    .hasValue("application/problem+json");
        }
    }

    @Test
    void aMemberCannotChangeAnotherMember() {
        String alice = registered("alice");
        String bob = PLATFORM.token("bob");
        registered("bob");
        // alice's own history: the shared platform's other work (reports, reminders) goes on
        // meanwhile
        long before = PLATFORM.storedEventsOf(alice);

        List<Http.Reply> attempts =
                List.of(
                        Http.to(PLATFORM.commandSide().url("/api/users/" + alice + "/profile"))
                                .bearer(bob)
                                .put("{\"displayName\":\"Bob was here\"}"),
                        Http.to(PLATFORM.commandSide().url("/api/users/" + alice + "/roles"))
                                .bearer(bob)
                                .put("{\"roles\":[\"MEMBER\",\"ADMIN\"]}"),
                        Http.to(PLATFORM.commandSide().url("/api/users/" + alice + "/deactivate"))
                                .bearer(bob)
                                .post("{}"),
                        Http.to(PLATFORM.commandSide().url("/api/users/" + alice + "/reactivate"))
                                .bearer(bob)
                                .sendJson("POST", null),
                        Http.to(
                                        PLATFORM.commandSide()
                                                .url("/api/users/" + alice + "/email-preferences"))
                                .bearer(bob)
                                .put(
                                        "{\"unsubscribed\":[\"EVENT_REMINDER\",\"EVENT_CANCELLATION\"]}"));

        assertThat(attempts)
                .allSatisfy(
                        reply -> assertThat(reply.status()).as(reply.toString()).isIn(403, 404));
        assertThat(PLATFORM.storedEventsOf(alice)).isEqualTo(before);
    }

    @Test
    void aMemberSeesOnlyThePublicProfileOfAnotherMember() {
        Http.Reply aliceRegistered =
                Http.to(PLATFORM.commandSide().url("/api/me"))
                        .bearer(PLATFORM.token("alice"))
                        .post("{}");
        String alice = idOf(aliceRegistered);
        // registered by this call (read it at once with its consistency token) or earlier in the
        // run
        var consistencyToken = aliceRegistered.header("Consistency-Token");

        Http.Reply view =
                await("bob can read alice")
                        .atMost(Duration.ofSeconds(10))
                        .until(
                                () -> {
                                    Http read =
                                            Http.to(PLATFORM.querySide().url("/api/users/" + alice))
                                                    .bearer(PLATFORM.token("bob"));
                                    consistencyToken.ifPresent(
                                            token -> read.header("Consistency-Token", token));
                                    return read.get();
                                },
                                reply -> reply.status() == 200);

        JsonNode profile = view.json();
        assertThat(profile.get("id").asText()).isEqualTo(alice);
        assertThat(profile.has("displayName")).as(view.toString()).isTrue();
        assertThat(profile.has("email")).as("bob sees no e-mail address: " + view).isFalse();
        assertThat(profile.has("roles")).as("bob sees no roles: " + view).isFalse();
    }

    /** The table above is complete: every operation either service documents has its row. */
    @Test
    void everyDocumentedEndpointHasARowInTheMatrix() {
        Set<String> rows = new java.util.TreeSet<>();
        Arrays.stream(Endpoint.values())
                .forEach(
                        endpoint ->
                                rows.add(
                                        endpoint.route.replace(" (query)", "")
                                                + (endpoint.route.endsWith("(query)")
                                                        ? " @query-side"
                                                        : " @command-side")));
        Set<String> documented = new java.util.TreeSet<>();
        for (String service : List.of("command-side", "query-side")) {
            JsonNode paths = Http.to(url(service, "/v3/api-docs")).get().json().get("paths");
            paths.fieldNames()
                    .forEachRemaining(
                            path ->
                                    paths.get(path)
                                            .fieldNames()
                                            .forEachRemaining(
                                                    method ->
                                                            documented.add(
                                                                    method.toUpperCase()
                                                                            + " "
                                                                            + path
                                                                            + " @"
                                                                            + service)));
        }

        assertThat(rows).as("rows of the authorisation matrix").isEqualTo(documented);
    }

    static Stream<Arguments> openPaths() {
        return Stream.of(
                        "/actuator/health",
                        "/actuator/health/liveness",
                        "/actuator/health/readiness",
                        "/v3/api-docs",
                        "/swagger-ui.html")
                .flatMap(
                        path ->
                                Stream.of(
                                        arguments("command-side", path),
                                        arguments("query-side", path)));
    }

    @ParameterizedTest(name = "{0} {1} is open without a token")
    @MethodSource("openPaths")
    void healthAndApiDocumentsNeedNoToken(String service, String path) {
        Http.Reply reply = Http.to(url(service, path)).get();

        assertThat(reply.status()).as(reply.toString()).isIn(200, 302);
    }

    static Stream<Arguments> closedPaths() {
        return Stream.of(
                        "/actuator/prometheus",
                        "/actuator/info",
                        "/actuator",
                        "/actuator/env",
                        "/actuator/metrics",
                        "/api/users",
                        "/api/me",
                        "/api/nothing-here",
                        "/",
                        "/index.html")
                .flatMap(
                        path ->
                                Stream.of(
                                        arguments("command-side", path),
                                        arguments("query-side", path)));
    }

    @ParameterizedTest(name = "{0} {1} needs a token")
    @MethodSource("closedPaths")
    void everythingElseNeedsAToken(String service, String path) {
        Http.Reply reply = Http.to(url(service, path)).get();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.header("Content-Type"))
                .as(reply.toString())
                .hasValue("application/problem+json");
    }

    private static URI url(String service, String path) {
        return (service.equals("command-side") ? PLATFORM.commandSide() : PLATFORM.querySide())
                .url(path);
    }

    /** The id of a demo person, registering them first if this run has not yet. */
    private static String registered(String username) {
        return idOf(
                Http.to(PLATFORM.commandSide().url("/api/me"))
                        .bearer(PLATFORM.token(username))
                        .post("{}"));
    }

    /** From a 201/200 self-registration or from the 409 {@code already-registered} problem. */
    private static String idOf(Http.Reply registration) {
        assertThat(registration.status()).as(registration.toString()).isIn(200, 201, 409);
        JsonNode body = registration.json();
        return registration.status() == 409 ? body.get("userId").asText() : body.get("id").asText();
    }
}
