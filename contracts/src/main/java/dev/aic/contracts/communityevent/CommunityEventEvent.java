package dev.aic.contracts.communityevent;

import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.user.UserId;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a {@code CommunityEvent} aggregate. Who did it and when live in the
 * event's metadata and timestamp, never in the payload.
 */
public sealed interface CommunityEventEvent {

    CommunityEventId eventId();

    /** An organiser drafted an event; it is visible to its organisers only until published. */
    @Revision("1")
    record Drafted(
            CommunityEventId eventId,
            UserId organizer,
            Details details,
            Schedule schedule,
            int capacity)
            implements CommunityEventEvent {}

    @Revision("1")
    record DetailsChanged(CommunityEventId eventId, Details details)
            implements CommunityEventEvent {}

    @Revision("1")
    record Published(CommunityEventId eventId) implements CommunityEventEvent {}

    @Revision("1")
    record Rescheduled(CommunityEventId eventId, Schedule schedule)
            implements CommunityEventEvent {}

    @Revision("1")
    record CapacityChanged(CommunityEventId eventId, int capacity) implements CommunityEventEvent {}

    @Revision("1")
    record CoOrganizerAdded(CommunityEventId eventId, UserId organizer)
            implements CommunityEventEvent {}

    /** Final: a cancelled event accepts nothing further. */
    @Revision("1")
    record Cancelled(CommunityEventId eventId, String reason) implements CommunityEventEvent {}

    /** The member has a seat. */
    @Revision("1")
    record RsvpConfirmed(CommunityEventId eventId, UserId member) implements CommunityEventEvent {}

    /** The event was full: the member is last on the waiting list. */
    @Revision("1")
    record RsvpWaitlisted(CommunityEventId eventId, UserId member) implements CommunityEventEvent {}

    /**
     * The member gave up what they held: a seat ({@code CONFIRMED}) or a place on the waiting list
     * ({@code WAITLISTED}). Revision 1 said this with a boolean {@code hadSeat}, revision 2 with
     * words of its own ({@code SEAT}, {@code WAITING_LIST}); {@link RsvpCancelledUpcaster} reads
     * those stored events as this revision.
     */
    @Revision("3")
    record RsvpCancelled(CommunityEventId eventId, UserId member, RsvpState gaveUp)
            implements CommunityEventEvent {}

    /** A seat became free and the first on the waiting list got it; they are told. */
    @Revision("1")
    record PromotedFromWaitingList(CommunityEventId eventId, UserId member)
            implements CommunityEventEvent {}

    @Revision("1")
    record AttendeeCheckedIn(CommunityEventId eventId, UserId member)
            implements CommunityEventEvent {}

    /**
     * An organiser opened the event's agenda, an aggregate of its own ({@code AgendaEvent.Opened}
     * follows).
     */
    @Revision("1")
    record AgendaOpened(CommunityEventId eventId, AgendaId agendaId)
            implements CommunityEventEvent {}

    /** The reminder before the start is due for an attendee; notifiers send it once per event. */
    @Revision("1")
    record ReminderDue(CommunityEventId eventId, UserId member, java.time.Instant startsAt)
            implements CommunityEventEvent {}
}
