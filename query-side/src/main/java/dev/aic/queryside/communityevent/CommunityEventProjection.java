package dev.aic.queryside.communityevent;

import dev.aic.contracts.communityevent.CommunityEventEvent.AgendaOpened;
import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.CapacityChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.CoOrganizerAdded;
import dev.aic.contracts.communityevent.CommunityEventEvent.DetailsChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.Drafted;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.Published;
import dev.aic.contracts.communityevent.CommunityEventEvent.ReminderDue;
import dev.aic.contracts.communityevent.CommunityEventEvent.Rescheduled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.ProjectionNames;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code community_event} and {@code community_event_rsvp} in PostgreSQL, in the processor's
 * transaction, and reads the attendee list back from them — the handlers that write the RSVP rows
 * and the query that reads them in one place, as Axon's own samples pair {@code @EventHandler}s and
 * {@code @QueryHandler}s. (The event rows' other reads are in {@link CommunityEvents}.)
 *
 * <p>Every handler first claims the event's sequence number on the event row ({@code version <
 * seq}); a redelivered or replayed event that the row already reflects claims nothing and changes
 * nothing, so RSVP rows and counters are never applied twice. The counters are recounted from the
 * RSVP rows rather than incremented, so they cannot drift from them.
 */
@Component
@ProcessingGroup(ProjectionNames.COMMUNITY_EVENTS)
class CommunityEventProjection {

    /**
     * The row of a member who gave their place up: no {@link RsvpState} any more, but counted in
     * the stats.
     */
    private static final String CANCELLED = "CANCELLED";

    private final JdbcTemplate jdbc;

    CommunityEventProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Drafted event, @SequenceNumber long seq) {
        Details details = event.details();
        Schedule schedule = event.schedule();
        jdbc.update(
                """
                INSERT INTO community_event (id, title, description, venue, online_link, tags, visibility, starts_at,
                    ends_at, time_zone, capacity, status, organizers, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                id(event.eventId()),
                details.title(),
                details.description(),
                details.venue(),
                details.onlineLink(),
                details.tags().toArray(String[]::new),
                details.visibility().name(),
                utc(schedule.startsAt()),
                utc(schedule.endsAt()),
                schedule.timeZone(),
                event.capacity(),
                new UUID[] {event.organizer().value()},
                seq);
    }

    @EventHandler
    void on(DetailsChanged event, @SequenceNumber long seq) {
        Details details = event.details();
        claim(
                event.eventId(),
                seq,
                "title = ?, description = ?, venue = ?, online_link = ?, tags = ?, visibility = ?",
                details.title(),
                details.description(),
                details.venue(),
                details.onlineLink(),
                details.tags().toArray(String[]::new),
                details.visibility().name());
    }

    @EventHandler
    void on(Published event, @SequenceNumber long seq) {
        claim(event.eventId(), seq, "status = 'PUBLISHED', published = TRUE");
    }

    @EventHandler
    void on(Rescheduled event, @SequenceNumber long seq) {
        Schedule schedule = event.schedule();
        claim(
                event.eventId(),
                seq,
                "starts_at = ?, ends_at = ?, time_zone = ?",
                utc(schedule.startsAt()),
                utc(schedule.endsAt()),
                schedule.timeZone());
    }

    @EventHandler
    void on(CapacityChanged event, @SequenceNumber long seq) {
        claim(event.eventId(), seq, "capacity = ?", event.capacity());
    }

    @EventHandler
    void on(CoOrganizerAdded event, @SequenceNumber long seq) {
        claim(
                event.eventId(),
                seq,
                "organizers = CASE WHEN ? = ANY (organizers) THEN organizers"
                        + " ELSE array_append(organizers, ?) END",
                event.organizer().value(),
                event.organizer().value());
    }

    @EventHandler
    void on(Cancelled event, @SequenceNumber long seq) {
        claim(event.eventId(), seq, "status = 'CANCELLED'");
    }

    @EventHandler
    void on(ReminderDue event, @SequenceNumber long seq) {
        // nothing to show, but the version follows the aggregate's, as the calendar's SEQUENCE does
        claim(event.eventId(), seq, null);
    }

    @EventHandler
    void on(AgendaOpened event, @SequenceNumber long seq) {
        // the agenda has a read model of its own; the version follows the aggregate's
        claim(event.eventId(), seq, null);
    }

    @EventHandler
    void on(RsvpConfirmed event, @SequenceNumber long seq) {
        rsvp(event.eventId(), event.member(), seq, RsvpState.CONFIRMED.name(), null, false);
    }

    @EventHandler
    void on(RsvpWaitlisted event, @SequenceNumber long seq) {
        // the sequence number orders the waiting list exactly as the aggregate's queue
        rsvp(event.eventId(), event.member(), seq, RsvpState.WAITLISTED.name(), seq, true);
    }

    @EventHandler
    void on(RsvpCancelled event, @SequenceNumber long seq) {
        rsvp(event.eventId(), event.member(), seq, CANCELLED, null, false);
    }

    @EventHandler
    void on(PromotedFromWaitingList event, @SequenceNumber long seq) {
        rsvp(event.eventId(), event.member(), seq, RsvpState.CONFIRMED.name(), null, false);
    }

    @EventHandler
    void on(AttendeeCheckedIn event, @SequenceNumber long seq) {
        if (claim(event.eventId(), seq, null)) {
            jdbc.update(
                    """
                    UPDATE community_event_rsvp SET checked_in = TRUE, updated_version = ?
                    WHERE event_id = ? AND user_id = ?""",
                    seq,
                    id(event.eventId()),
                    event.member().value());
            recount(event.eventId());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE community_event_rsvp, community_event");
    }

    /**
     * Who holds a seat (in the order they got it) and who waits for one (in the order they will get
     * it).
     */
    record Attendees(UUID eventId, List<Attendee> confirmed, List<Attendee> waiting) {

        record Attendee(
                UUID userId,
                @Schema(description = "absent when the member is not (yet) in the user read model")
                        String displayName,
                boolean checkedIn) {}
    }

    /** Confirmed attendees in the order they got their seat, and the waiting list in its order. */
    Attendees attendees(UUID eventId) {
        RowMapper<Attendees.Attendee> attendee =
                (rs, row) ->
                        new Attendees.Attendee(
                                rs.getObject("user_id", UUID.class),
                                rs.getString("display_name"),
                                rs.getBoolean("checked_in"));
        String select =
                """
                SELECT r.user_id, u.display_name, r.checked_in FROM community_event_rsvp r
                LEFT JOIN user_profile u ON u.id = r.user_id
                WHERE r.event_id = ? AND r.state = ?""";
        return new Attendees(
                eventId,
                jdbc.query(
                        select + " ORDER BY r.updated_version, r.user_id",
                        attendee,
                        eventId,
                        RsvpState.CONFIRMED.name()),
                jdbc.query(
                        select + " ORDER BY r.waiting_position",
                        attendee,
                        eventId,
                        RsvpState.WAITLISTED.name()));
    }

    private void rsvp(
            CommunityEventId eventId,
            UserId member,
            long seq,
            String state,
            Long waitingPosition,
            boolean waitlisted) {
        if (!claim(eventId, seq, null)) {
            return;
        }
        // a cancelled seat takes its check-in with it, as in the aggregate
        jdbc.update(
                """
                INSERT INTO community_event_rsvp (event_id, user_id, state, waiting_position, checked_in,
                    ever_waitlisted, updated_version)
                VALUES (?, ?, ?, ?, FALSE, ?, ?)
                ON CONFLICT (event_id, user_id) DO UPDATE SET state = excluded.state,
                    waiting_position = excluded.waiting_position,
                    checked_in = community_event_rsvp.checked_in AND excluded.state = 'CONFIRMED',
                    ever_waitlisted = community_event_rsvp.ever_waitlisted OR excluded.ever_waitlisted,
                    updated_version = excluded.updated_version""",
                id(eventId),
                member.value(),
                state,
                waitingPosition,
                waitlisted,
                seq);
        recount(eventId);
    }

    private void recount(CommunityEventId eventId) {
        jdbc.update(
                """
                UPDATE community_event e SET
                    confirmed_count = counts.confirmed, waiting_count = counts.waiting, checked_in_count = counts.checked_in
                FROM (SELECT count(*) FILTER (WHERE state = 'CONFIRMED') AS confirmed,
                             count(*) FILTER (WHERE state = 'WAITLISTED') AS waiting,
                             count(*) FILTER (WHERE state = 'CONFIRMED' AND checked_in) AS checked_in
                      FROM community_event_rsvp WHERE event_id = ?) counts
                WHERE e.id = ?""",
                id(eventId),
                id(eventId));
    }

    /**
     * Marks event {@code seq} as applied to the event row, with {@code assignments} if any; false
     * when the row already reflects it (or a later event), and the caller must then change nothing
     * else.
     */
    private boolean claim(
            CommunityEventId eventId, long seq, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = seq;
        arguments[values.length + 1] = id(eventId);
        arguments[values.length + 2] = seq;
        String set = assignments == null ? "" : assignments + ", ";
        return jdbc.update(
                        "UPDATE community_event SET "
                                + set
                                + "version = ? WHERE id = ? AND version < ?",
                        arguments)
                == 1;
    }

    private static UUID id(CommunityEventId eventId) {
        return eventId.value();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
