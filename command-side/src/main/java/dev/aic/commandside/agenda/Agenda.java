package dev.aic.commandside.agenda;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.aic.commandside.agenda.AgendaRuleViolation.Kind;
import dev.aic.contracts.agenda.AgendaConflicts;
import dev.aic.contracts.agenda.AgendaEvent.Opened;
import dev.aic.contracts.agenda.AgendaEvent.ProposalAccepted;
import dev.aic.contracts.agenda.AgendaEvent.ProposalDiscarded;
import dev.aic.contracts.agenda.AgendaEvent.ProposalReceived;
import dev.aic.contracts.agenda.AgendaEvent.Published;
import dev.aic.contracts.agenda.AgendaEvent.RoomDefined;
import dev.aic.contracts.agenda.AgendaEvent.SessionDefined;
import dev.aic.contracts.agenda.AgendaEvent.SessionLocked;
import dev.aic.contracts.agenda.AgendaEvent.SessionMarked;
import dev.aic.contracts.agenda.AgendaEvent.SessionMoved;
import dev.aic.contracts.agenda.AgendaEvent.SessionPlaced;
import dev.aic.contracts.agenda.AgendaEvent.SessionUnassigned;
import dev.aic.contracts.agenda.AgendaEvent.SessionUnlocked;
import dev.aic.contracts.agenda.AgendaEvent.SessionUnmarked;
import dev.aic.contracts.agenda.AgendaEvent.SlotDefined;
import dev.aic.contracts.agenda.AgendaEvent.SolveProgressed;
import dev.aic.contracts.agenda.AgendaEvent.SolveRequested;
import dev.aic.contracts.agenda.AgendaEvent.SpeakerAvailabilityStated;
import dev.aic.contracts.agenda.AgendaEvent.SpeakerReminderDue;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.Conflict;
import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.agenda.SpeakerAvailability;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The agenda of one community event: rooms, slots, sessions, where each session is, and the
 * solver's proposals. It is the consistency boundary of the hard rules
 * (docs/adr/0006-agenda-aggregate.md): every placement is decided here, one at a time, against
 * {@link AgendaConflicts}, so a stored agenda never breaks one. Command handlers check guards, then
 * apply; sourcing handlers only assign.
 */
@Aggregate
public class Agenda {

    static final String SPEAKER_REMINDER = "speaker-reminder";

    @AggregateIdentifier private AgendaId id;
    private CommunityEventId eventId;
    private final Set<UserId> organizers = new HashSet<>();
    private Period window;
    private boolean published;
    private final Map<UUID, Room> rooms = new LinkedHashMap<>();
    private final Map<UUID, Slot> slots = new LinkedHashMap<>();
    private final Map<UUID, Session> sessions = new LinkedHashMap<>();
    private final Map<UserId, SpeakerAvailability> speakers = new LinkedHashMap<>();
    private final Map<UUID, Placement> placements = new LinkedHashMap<>();
    private final Set<UUID> locked = new HashSet<>();
    private final Map<UUID, Set<UserId>> marks = new HashMap<>();
    private final Set<UUID> solving = new HashSet<>();
    private final Map<UUID, Long> progressedMillis = new HashMap<>();
    private final Map<UUID, ProposalReceived> proposals = new HashMap<>();
    private final Set<SpeakerReminder> reminded = new HashSet<>();

    Agenda() {
        // for Axon: rebuilt from its events
    }

    /**
     * Opened by its community event ({@code CommunityEvent} creates it), which has checked that the
     * caller organises it; the organisers and the event's time are copied here.
     */
    public Agenda(
            AgendaId agendaId,
            CommunityEventId eventId,
            Collection<UserId> organizers,
            Instant startsAt,
            Instant endsAt,
            String timeZone) {
        apply(
                new Opened(
                        agendaId,
                        eventId,
                        List.copyOf(organizers),
                        new Period(startsAt, endsAt),
                        timeZone));
    }

    @CommandHandler
    void handle(AgendaCommands.DefineRoom command) {
        requireOrganizer(command.actor());
        Room room = command.room();
        if (room.capacity() < 1) {
            throw new AgendaRuleViolation(Kind.INVALID, "A room seats at least one");
        }
        if (room.equals(rooms.get(room.roomId()))) {
            return;
        }
        requireNoConflictAfter(plan(rooms(room), slots, sessions, speakers));
        apply(new RoomDefined(id, room));
    }

    @CommandHandler
    void handle(AgendaCommands.DefineSlot command) {
        requireOrganizer(command.actor());
        Slot slot = command.slot();
        if (!slot.endsAt().isAfter(slot.startsAt())) {
            throw new AgendaRuleViolation(Kind.INVALID, "A slot must end after it starts");
        }
        slot.roomIds().forEach(room -> requireKnown(rooms, room, "room"));
        if (slot.equals(slots.get(slot.slotId()))) {
            return;
        }
        Map<UUID, Slot> changed = new LinkedHashMap<>(slots);
        changed.put(slot.slotId(), slot);
        requireNoConflictAfter(plan(rooms, changed, sessions, speakers));
        apply(new SlotDefined(id, slot));
    }

    @CommandHandler
    void handle(AgendaCommands.DefineSession command) {
        requireOrganizer(command.actor());
        Session session = command.session();
        if (session.durationMinutes() < 1 || session.expectedAudience() < 0) {
            throw new AgendaRuleViolation(
                    Kind.INVALID,
                    "A session lasts at least a minute and expects no negative audience");
        }
        if (session.equals(sessions.get(session.sessionId()))) {
            return;
        }
        Map<UUID, Session> changed = new LinkedHashMap<>(sessions);
        changed.put(session.sessionId(), session);
        requireNoConflictAfter(plan(rooms, slots, changed, speakers));
        apply(new SessionDefined(id, session));
    }

    @CommandHandler
    void handle(AgendaCommands.StateSpeakerAvailability command) {
        SpeakerAvailability availability = command.availability();
        if (!command.actor().user().equals(availability.speaker())) {
            requireOrganizer(command.actor());
        }
        if (availability.equals(speakers.get(availability.speaker()))) {
            return;
        }
        Map<UserId, SpeakerAvailability> changed = new LinkedHashMap<>(speakers);
        changed.put(availability.speaker(), availability);
        requireNoConflictAfter(plan(rooms, slots, sessions, changed));
        apply(new SpeakerAvailabilityStated(id, availability));
    }

    @CommandHandler
    void handle(
            AgendaCommands.Place command,
            Clock clock,
            DeadlineManager deadlines,
            SpeakerReminderPolicy policy) {
        requireOrganizer(command.actor());
        Placement placement = command.placement();
        requireKnown(sessions, placement.sessionId(), "session");
        requireKnown(slots, placement.slotId(), "slot");
        requireKnown(rooms, placement.roomId(), "room");
        requireUnlocked(placement.sessionId());
        if (placement.equals(placements.get(placement.sessionId()))) {
            return;
        }
        List<Conflict> conflicts = AgendaConflicts.of(plan()).of(placement);
        if (!conflicts.isEmpty()) {
            throw AgendaRuleViolation.broken(conflicts.get(0));
        }
        place(placement, clock, deadlines, policy);
    }

    @CommandHandler
    void handle(AgendaCommands.Unassign command) {
        requireOrganizer(command.actor());
        requireKnown(sessions, command.sessionId(), "session");
        requireUnlocked(command.sessionId());
        if (placements.containsKey(command.sessionId())) {
            apply(new SessionUnassigned(id, command.sessionId()));
        }
    }

    @CommandHandler
    void handle(AgendaCommands.Lock command) {
        requireOrganizer(command.actor());
        requireKnown(sessions, command.sessionId(), "session");
        if (!placements.containsKey(command.sessionId())) {
            throw new AgendaRuleViolation(
                    Kind.NOT_PLACED, "Only a placed session can be locked in its place");
        }
        if (!locked.contains(command.sessionId())) {
            apply(new SessionLocked(id, command.sessionId()));
        }
    }

    @CommandHandler
    void handle(AgendaCommands.Unlock command) {
        requireOrganizer(command.actor());
        requireKnown(sessions, command.sessionId(), "session");
        if (locked.contains(command.sessionId())) {
            apply(new SessionUnlocked(id, command.sessionId()));
        }
    }

    @CommandHandler
    void handle(AgendaCommands.Publish command) {
        requireOrganizer(command.actor());
        if (!published) {
            apply(new Published(id));
        }
    }

    @CommandHandler
    void handle(AgendaCommands.Mark command) {
        requirePublished();
        requireKnown(sessions, command.sessionId(), "session");
        if (!marks.getOrDefault(command.sessionId(), Set.of()).contains(command.member())) {
            apply(new SessionMarked(id, command.sessionId(), command.member()));
        }
    }

    @CommandHandler
    void handle(AgendaCommands.Unmark command) {
        requireKnown(sessions, command.sessionId(), "session");
        if (marks.getOrDefault(command.sessionId(), Set.of()).contains(command.member())) {
            apply(new SessionUnmarked(id, command.sessionId(), command.member()));
        }
    }

    @CommandHandler
    void handle(AgendaCommands.RequestSolve command) {
        requireOrganizer(command.actor());
        if (command.timeBudgetSeconds() < 1) {
            throw new AgendaRuleViolation(Kind.INVALID, "The time budget is at least one second");
        }
        if (sessions.isEmpty() || slots.isEmpty()) {
            throw new AgendaRuleViolation(
                    Kind.INVALID, "Define sessions, rooms and slots before asking for a solve");
        }
        apply(new SolveRequested(id, command.solveId(), command.timeBudgetSeconds(), plan()));
    }

    /**
     * Reports come at least once and may overtake each other: only a later, better-known elapsed
     * time is news.
     */
    @CommandHandler
    void handle(AgendaCommands.RecordProgress command) {
        if (solving.contains(command.solveId())
                && command.elapsedMillis()
                        > progressedMillis.getOrDefault(command.solveId(), -1L)) {
            apply(
                    new SolveProgressed(
                            id, command.solveId(), command.bestScore(), command.elapsedMillis()));
        }
    }

    @CommandHandler
    void handle(AgendaCommands.RecordProposal command) {
        if (solving.contains(command.solveId())) {
            apply(
                    new ProposalReceived(
                            id,
                            command.solveId(),
                            command.score(),
                            command.placements(),
                            command.brokenGoals(),
                            command.conflicts(),
                            command.solvingMillis()));
        }
    }

    /**
     * The proposal becomes placements, checked against the agenda as it is now: an organiser may
     * have placed or locked sessions since the solve was requested. Locked sessions stay where they
     * are.
     */
    @CommandHandler
    void handle(
            AgendaCommands.AcceptProposal command,
            Clock clock,
            DeadlineManager deadlines,
            SpeakerReminderPolicy policy) {
        requireOrganizer(command.actor());
        ProposalReceived proposal = requireProposal(command.solveId());
        Map<UUID, Placement> accepted = new LinkedHashMap<>(placements);
        proposal.placements().stream()
                .filter(
                        placement ->
                                sessions.containsKey(placement.sessionId())
                                        && !locked.contains(placement.sessionId()))
                .forEach(placement -> accepted.put(placement.sessionId(), placement));
        requireNoConflictAfter(
                plan(rooms, slots, sessions, speakers)
                        .withPlacements(List.copyOf(accepted.values())));
        apply(new ProposalAccepted(id, command.solveId()));
        accepted.values().stream()
                .filter(placement -> !placement.equals(placements.get(placement.sessionId())))
                .forEach(placement -> place(placement, clock, deadlines, policy));
    }

    @CommandHandler
    void handle(AgendaCommands.DiscardProposal command) {
        requireOrganizer(command.actor());
        requireProposal(command.solveId());
        apply(new ProposalDiscarded(id, command.solveId()));
    }

    /**
     * Fires once per scheduled reminder; a stale one (the session moved or was unassigned) does
     * nothing.
     */
    @DeadlineHandler(deadlineName = SPEAKER_REMINDER)
    void remind(SpeakerReminder reminder) {
        Placement placement = placements.get(reminder.sessionId());
        Slot slot = placement == null ? null : slots.get(placement.slotId());
        Session session = sessions.get(reminder.sessionId());
        if (slot != null
                && slot.startsAt().equals(reminder.startsAt())
                && session.speakers().contains(reminder.speaker())
                && !reminded.contains(reminder)) {
            apply(
                    new SpeakerReminderDue(
                            id,
                            eventId,
                            reminder.sessionId(),
                            session.title(),
                            rooms.get(placement.roomId()).name(),
                            reminder.speaker(),
                            reminder.startsAt()));
        }
    }

    private void place(
            Placement placement,
            Clock clock,
            DeadlineManager deadlines,
            SpeakerReminderPolicy policy) {
        apply(
                placements.containsKey(placement.sessionId())
                        ? new SessionMoved(id, placement)
                        : new SessionPlaced(id, placement));
        Instant startsAt = slots.get(placement.slotId()).startsAt();
        Instant remindAt = startsAt.minus(policy.speakerReminderOffset());
        if (remindAt.isAfter(clock.instant())) {
            sessions.get(placement.sessionId())
                    .speakers()
                    .forEach(
                            speaker ->
                                    deadlines.schedule(
                                            remindAt,
                                            SPEAKER_REMINDER,
                                            new SpeakerReminder(
                                                    placement.sessionId(), speaker, startsAt)));
        }
    }

    private AgendaPlan plan() {
        return plan(rooms, slots, sessions, speakers);
    }

    private AgendaPlan plan(
            Map<UUID, Room> rooms,
            Map<UUID, Slot> slots,
            Map<UUID, Session> sessions,
            Map<UserId, SpeakerAvailability> speakers) {
        Map<UUID, Integer> interest = new HashMap<>();
        marks.forEach((session, members) -> interest.put(session, members.size()));
        return new AgendaPlan(
                window,
                List.copyOf(rooms.values()),
                List.copyOf(slots.values()),
                List.copyOf(sessions.values()),
                List.copyOf(speakers.values()),
                List.copyOf(placements.values()),
                List.copyOf(locked),
                interest);
    }

    private Map<UUID, Room> rooms(Room changed) {
        Map<UUID, Room> result = new LinkedHashMap<>(rooms);
        result.put(changed.roomId(), changed);
        return result;
    }

    /**
     * A redefinition must keep every placed session valid: the first conflict it would cause is the
     * answer.
     */
    private static void requireNoConflictAfter(AgendaPlan changed) {
        List<Conflict> conflicts = AgendaConflicts.of(changed).all();
        if (!conflicts.isEmpty()) {
            throw AgendaRuleViolation.broken(conflicts.get(0));
        }
    }

    private void requireOrganizer(Organizer actor) {
        if (!actor.admin() && !organizers.contains(actor.user())) {
            throw new AgendaRuleViolation(
                    Kind.NOT_AN_ORGANIZER,
                    "Only the community event's organisers and administrators may change its agenda");
        }
    }

    private void requireUnlocked(UUID sessionId) {
        if (locked.contains(sessionId)) {
            throw new AgendaRuleViolation(
                    Kind.LOCKED, "The session is locked in its place; unlock it first");
        }
    }

    private void requirePublished() {
        if (!published) {
            throw new AgendaRuleViolation(
                    Kind.NOT_PUBLISHED, "Members mark sessions once the agenda is published");
        }
    }

    private ProposalReceived requireProposal(UUID solveId) {
        ProposalReceived proposal = proposals.get(solveId);
        if (proposal == null) {
            throw new AgendaRuleViolation(
                    Kind.NO_SUCH_PROPOSAL,
                    "No undecided proposal "
                            + solveId
                            + ": it is still being solved, or was accepted or discarded already");
        }
        return proposal;
    }

    private static void requireKnown(Map<UUID, ?> items, UUID itemId, String what) {
        if (!items.containsKey(itemId)) {
            throw new AgendaRuleViolation(
                    Kind.UNKNOWN_ITEM, "The agenda has no " + what + " " + itemId);
        }
    }

    @EventSourcingHandler
    void on(Opened event) {
        id = event.agendaId();
        eventId = event.eventId();
        organizers.addAll(event.organizers());
        window = event.window();
    }

    @EventSourcingHandler
    void on(RoomDefined event) {
        rooms.put(event.room().roomId(), event.room());
    }

    @EventSourcingHandler
    void on(SlotDefined event) {
        slots.put(event.slot().slotId(), event.slot());
    }

    @EventSourcingHandler
    void on(SessionDefined event) {
        sessions.put(event.session().sessionId(), event.session());
    }

    @EventSourcingHandler
    void on(SpeakerAvailabilityStated event) {
        speakers.put(event.availability().speaker(), event.availability());
    }

    @EventSourcingHandler
    void on(SessionPlaced event) {
        placements.put(event.placement().sessionId(), event.placement());
    }

    @EventSourcingHandler
    void on(SessionMoved event) {
        placements.put(event.placement().sessionId(), event.placement());
    }

    @EventSourcingHandler
    void on(SessionUnassigned event) {
        placements.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(SessionLocked event) {
        locked.add(event.sessionId());
    }

    @EventSourcingHandler
    void on(SessionUnlocked event) {
        locked.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(Published event) {
        published = true;
    }

    @EventSourcingHandler
    void on(SessionMarked event) {
        marks.computeIfAbsent(event.sessionId(), session -> new HashSet<>()).add(event.member());
    }

    @EventSourcingHandler
    void on(SessionUnmarked event) {
        marks.getOrDefault(event.sessionId(), new HashSet<>()).remove(event.member());
    }

    @EventSourcingHandler
    void on(SolveRequested event) {
        solving.add(event.solveId());
    }

    @EventSourcingHandler
    void on(SolveProgressed event) {
        progressedMillis.put(event.solveId(), event.elapsedMillis());
    }

    @EventSourcingHandler
    void on(ProposalReceived event) {
        solving.remove(event.solveId());
        proposals.put(event.solveId(), event);
    }

    @EventSourcingHandler
    void on(ProposalAccepted event) {
        proposals.remove(event.solveId());
    }

    @EventSourcingHandler
    void on(ProposalDiscarded event) {
        proposals.remove(event.solveId());
    }

    @EventSourcingHandler
    void on(SpeakerReminderDue event) {
        reminded.add(new SpeakerReminder(event.sessionId(), event.speaker(), event.startsAt()));
    }
}
