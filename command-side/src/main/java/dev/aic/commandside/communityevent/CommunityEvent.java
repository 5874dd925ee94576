package dev.aic.commandside.communityevent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonMerge;
import dev.aic.commandside.agenda.Agenda;
import dev.aic.commandside.communityevent.RuleViolation.Kind;
import dev.aic.contracts.agenda.AgendaId;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A community event and everyone's place in it. It is the consistency boundary for seats: every
 * RSVP for one event is decided here, one at a time, so the capacity is never exceeded and the
 * waiting list keeps its order. Command handlers check guards, then apply; sourcing handlers only
 * assign.
 *
 * <p>It is loaded from its latest snapshot plus the events after it ({@link
 * CommunityEventSnapshots}). A snapshot is this object, every field of it, through Jackson. Change
 * the fields, bump the revision: older snapshots are then ignored and the event is rebuilt from its
 * events.
 */
@Aggregate(snapshotTriggerDefinition = CommunityEventSnapshots.TRIGGER)
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
class CommunityEvent {

    static final String REMINDER = "attendee-reminder";

    private enum Status {
        DRAFT,
        PUBLISHED,
        CANCELLED
    }

    @AggregateIdentifier private CommunityEventId id;
    private Status status;
    // @JsonMerge: a snapshot fills the collections made here instead of replacing them with
    // Jackson's
    // defaults, so the seats keep their order and the waiting list its queue
    @JsonMerge private final Set<UserId> organizers = new HashSet<>();
    private Details details;
    private Schedule schedule;
    private int capacity;
    @JsonMerge private final Set<UserId> confirmed = new LinkedHashSet<>();
    @JsonMerge private final Deque<UserId> waiting = new ArrayDeque<>();
    @JsonMerge private final Set<UserId> checkedIn = new HashSet<>();
    @JsonMerge private final Set<Reminder> reminded = new HashSet<>();
    private boolean agendaOpened;

    CommunityEvent() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    CommunityEvent(CommunityEventCommands.Draft command) {
        requireSensible(command.schedule());
        if (command.capacity() < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        apply(
                new Drafted(
                        command.eventId(),
                        command.actor().user(),
                        command.details(),
                        command.schedule(),
                        command.capacity()));
    }

    @CommandHandler
    void handle(CommunityEventCommands.ChangeDetails command) {
        requireOrganizer(command.actor());
        requireOpen();
        if (!command.details().equals(details)) {
            apply(new DetailsChanged(id, command.details()));
        }
    }

    @CommandHandler
    void handle(CommunityEventCommands.Publish command, Clock clock) {
        requireOrganizer(command.actor());
        requireOpen();
        if (status == Status.PUBLISHED) {
            return;
        }
        requireFuture(schedule, clock);
        apply(new Published(id));
    }

    @CommandHandler
    void handle(
            CommunityEventCommands.Reschedule command,
            Clock clock,
            DeadlineManager deadlines,
            ReminderPolicy policy) {
        requireOrganizer(command.actor());
        requireOpen();
        requireSensible(command.schedule());
        if (command.schedule().equals(schedule)) {
            return;
        }
        if (status == Status.PUBLISHED) {
            requireFuture(command.schedule(), clock);
        }
        apply(new Rescheduled(id, command.schedule()));
        // reminders move with the start: the old ones are dropped, one per attendee is set for the
        // new start
        deadlines.cancelAllWithinScope(REMINDER);
        confirmed.forEach(member -> scheduleReminder(member, deadlines, policy, clock));
    }

    @CommandHandler
    void handle(
            CommunityEventCommands.ChangeCapacity command,
            Clock clock,
            DeadlineManager deadlines,
            ReminderPolicy policy) {
        requireOrganizer(command.actor());
        requireOpen();
        if (command.capacity() < confirmed.size()) {
            throw new RuleViolation(
                    Kind.CAPACITY_BELOW_ATTENDANCE,
                    confirmed.size() + " members hold a seat: the capacity cannot go below that");
        }
        if (command.capacity() != capacity) {
            apply(new CapacityChanged(id, command.capacity()));
            promoteWhileSeatsAreFree(deadlines, policy, clock);
        }
    }

    @CommandHandler
    void handle(CommunityEventCommands.AddCoOrganizer command) {
        requireOrganizer(command.actor());
        requireOpen();
        if (!organizers.contains(command.organizer())) {
            apply(new CoOrganizerAdded(id, command.organizer()));
        }
    }

    @CommandHandler
    void handle(CommunityEventCommands.Cancel command, DeadlineManager deadlines) {
        requireOrganizer(command.actor());
        requireOpen();
        apply(new Cancelled(id, command.reason()));
        deadlines.cancelAllWithinScope(REMINDER);
    }

    /** Answers where the member stands afterwards, also when they had RSVPed before. */
    @CommandHandler
    RsvpState handle(
            CommunityEventCommands.Rsvp command,
            Clock clock,
            DeadlineManager deadlines,
            ReminderPolicy policy) {
        requireOpen();
        if (status != Status.PUBLISHED) {
            throw new RuleViolation(Kind.NOT_PUBLISHED, "RSVPs open when the event is published");
        }
        UserId member = command.member();
        if (confirmed.contains(member)) {
            return RsvpState.CONFIRMED;
        }
        if (waiting.contains(member)) {
            return RsvpState.WAITLISTED;
        }
        if (confirmed.size() < capacity) {
            apply(new RsvpConfirmed(id, member));
            scheduleReminder(member, deadlines, policy, clock);
            return RsvpState.CONFIRMED;
        }
        apply(new RsvpWaitlisted(id, member));
        return RsvpState.WAITLISTED;
    }

    @CommandHandler
    void handle(
            CommunityEventCommands.CancelRsvp command,
            Clock clock,
            DeadlineManager deadlines,
            ReminderPolicy policy) {
        requireOpen();
        UserId member = command.member();
        if (confirmed.contains(member)) {
            apply(new RsvpCancelled(id, member, RsvpState.CONFIRMED));
            promoteWhileSeatsAreFree(deadlines, policy, clock);
        } else if (waiting.contains(member)) {
            apply(new RsvpCancelled(id, member, RsvpState.WAITLISTED));
        }
    }

    @CommandHandler
    void handle(CommunityEventCommands.CheckIn command) {
        requireOrganizer(command.actor());
        requireOpen();
        if (!confirmed.contains(command.member())) {
            throw new RuleViolation(
                    Kind.NOT_ATTENDING, "Only members with a confirmed seat can be checked in");
        }
        if (!checkedIn.contains(command.member())) {
            apply(new AttendeeCheckedIn(id, command.member()));
        }
    }

    /**
     * The agenda is an aggregate of its own (docs/adr/0006-agenda-aggregate.md), created here
     * because only the event knows who organises it and when it takes place.
     */
    @CommandHandler
    AgendaId handle(CommunityEventCommands.OpenAgenda command) throws Exception {
        requireOrganizer(command.actor());
        requireOpen();
        if (agendaOpened) {
            throw new RuleViolation(Kind.AGENDA_ALREADY_OPEN, "The event's agenda is open already");
        }
        AgendaId agendaId = AgendaId.of(id);
        apply(new AgendaOpened(id, agendaId));
        createNew(
                Agenda.class,
                () ->
                        new Agenda(
                                agendaId,
                                id,
                                organizers,
                                schedule.startsAt(),
                                schedule.endsAt(),
                                schedule.timeZone()));
        return agendaId;
    }

    /**
     * Fires once per scheduled reminder; a stale one (the member left, the event moved or was
     * cancelled) does nothing.
     */
    @DeadlineHandler(deadlineName = REMINDER)
    void remind(Reminder reminder) {
        if (status == Status.PUBLISHED
                && confirmed.contains(reminder.member())
                && reminder.startsAt().equals(schedule.startsAt())
                && !reminded.contains(reminder)) {
            apply(new ReminderDue(id, reminder.member(), reminder.startsAt()));
        }
    }

    private void promoteWhileSeatsAreFree(
            DeadlineManager deadlines, ReminderPolicy policy, Clock clock) {
        while (confirmed.size() < capacity && !waiting.isEmpty()) {
            UserId next = waiting.peekFirst();
            apply(new PromotedFromWaitingList(id, next));
            scheduleReminder(next, deadlines, policy, clock);
        }
    }

    private void scheduleReminder(
            UserId member, DeadlineManager deadlines, ReminderPolicy policy, Clock clock) {
        Instant remindAt = schedule.startsAt().minus(policy.reminderOffset());
        if (remindAt.isAfter(clock.instant())) {
            deadlines.schedule(remindAt, REMINDER, new Reminder(member, schedule.startsAt()));
        }
    }

    private void requireOrganizer(Actor actor) {
        if (!actor.admin() && !organizers.contains(actor.user())) {
            throw new RuleViolation(
                    Kind.NOT_AN_ORGANIZER,
                    "Only the event's organisers and administrators may change it");
        }
    }

    private void requireOpen() {
        if (status == Status.CANCELLED) {
            throw new RuleViolation(
                    Kind.CANCELLED, "The event was cancelled: it accepts nothing further");
        }
    }

    private static void requireSensible(Schedule schedule) {
        if (!schedule.endsAt().isAfter(schedule.startsAt())) {
            throw new RuleViolation(
                    Kind.ENDS_BEFORE_IT_STARTS, "The event must end after it starts");
        }
    }

    private static void requireFuture(Schedule schedule, Clock clock) {
        if (!schedule.startsAt().isAfter(clock.instant())) {
            throw new RuleViolation(Kind.IN_THE_PAST, "A published event must start in the future");
        }
    }

    @EventSourcingHandler
    void on(Drafted event) {
        id = event.eventId();
        status = Status.DRAFT;
        organizers.add(event.organizer());
        details = event.details();
        schedule = event.schedule();
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(DetailsChanged event) {
        details = event.details();
    }

    @EventSourcingHandler
    void on(Published event) {
        status = Status.PUBLISHED;
    }

    @EventSourcingHandler
    void on(Rescheduled event) {
        schedule = event.schedule();
    }

    @EventSourcingHandler
    void on(CapacityChanged event) {
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(CoOrganizerAdded event) {
        organizers.add(event.organizer());
    }

    @EventSourcingHandler
    void on(Cancelled event) {
        status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(RsvpConfirmed event) {
        confirmed.add(event.member());
    }

    @EventSourcingHandler
    void on(RsvpWaitlisted event) {
        waiting.addLast(event.member());
    }

    @EventSourcingHandler
    void on(RsvpCancelled event) {
        confirmed.remove(event.member());
        waiting.remove(event.member());
        checkedIn.remove(event.member());
    }

    @EventSourcingHandler
    void on(PromotedFromWaitingList event) {
        waiting.remove(event.member());
        confirmed.add(event.member());
    }

    @EventSourcingHandler
    void on(AttendeeCheckedIn event) {
        checkedIn.add(event.member());
    }

    @EventSourcingHandler
    void on(AgendaOpened event) {
        agendaOpened = true;
    }

    @EventSourcingHandler
    void on(ReminderDue event) {
        reminded.add(new Reminder(event.member(), event.startsAt()));
    }
}
