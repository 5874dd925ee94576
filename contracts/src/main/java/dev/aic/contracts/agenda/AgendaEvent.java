package dev.aic.contracts.agenda;

import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a community event's {@code Agenda}. Who did it and when live in the
 * event's metadata and timestamp: an auditor reads there who requested a solve and who accepted its
 * proposal.
 */
public sealed interface AgendaEvent {

    AgendaId agendaId();

    /**
     * An organiser opened the agenda of a community event; {@code window} is the event's time and
     * {@code organizers} who organised it then, both copied when the agenda was opened.
     */
    @Revision("1")
    record Opened(
            AgendaId agendaId,
            CommunityEventId eventId,
            List<UserId> organizers,
            Period window,
            String timeZone)
            implements AgendaEvent {}

    /** A room was added, or its name, capacity or equipment changed. */
    @Revision("1")
    record RoomDefined(AgendaId agendaId, Room room) implements AgendaEvent {}

    @Revision("1")
    record SlotDefined(AgendaId agendaId, Slot slot) implements AgendaEvent {}

    @Revision("1")
    record SessionDefined(AgendaId agendaId, Session session) implements AgendaEvent {}

    /** Replaces what the speaker stated before. */
    @Revision("1")
    record SpeakerAvailabilityStated(AgendaId agendaId, SpeakerAvailability availability)
            implements AgendaEvent {}

    /** An unplaced session got a slot and room. */
    @Revision("1")
    record SessionPlaced(AgendaId agendaId, Placement placement) implements AgendaEvent {}

    /** A placed session went to another slot or room. */
    @Revision("1")
    record SessionMoved(AgendaId agendaId, Placement placement) implements AgendaEvent {}

    @Revision("1")
    record SessionUnassigned(AgendaId agendaId, UUID sessionId) implements AgendaEvent {}

    /** A locked session keeps its place: neither a solve nor an accepted proposal moves it. */
    @Revision("1")
    record SessionLocked(AgendaId agendaId, UUID sessionId) implements AgendaEvent {}

    @Revision("1")
    record SessionUnlocked(AgendaId agendaId, UUID sessionId) implements AgendaEvent {}

    /** Members see the agenda; it may still change, every change an event of its own. */
    @Revision("1")
    record Published(AgendaId agendaId) implements AgendaEvent {}

    /** A member put the session on their personal agenda. */
    @Revision("1")
    record SessionMarked(AgendaId agendaId, UUID sessionId, UserId member) implements AgendaEvent {}

    @Revision("1")
    record SessionUnmarked(AgendaId agendaId, UUID sessionId, UserId member)
            implements AgendaEvent {}

    /**
     * An organiser asked the solver for a proposal within {@code timeBudgetSeconds}; {@code plan}
     * is the agenda exactly as it was given to the solver.
     */
    @Revision("1")
    record SolveRequested(AgendaId agendaId, UUID solveId, int timeBudgetSeconds, AgendaPlan plan)
            implements AgendaEvent {}

    /** The ai-worker's best score so far while it solves. */
    @Revision("1")
    record SolveProgressed(AgendaId agendaId, UUID solveId, Score bestScore, long elapsedMillis)
            implements AgendaEvent {}

    /**
     * The ai-worker's answer: placements for every unlocked session it could place, the score,
     * every soft goal missed, explained, and the hard rules the shared checker still finds broken
     * (none for a feasible one).
     */
    @Revision("1")
    record ProposalReceived(
            AgendaId agendaId,
            UUID solveId,
            Score score,
            List<Placement> placements,
            List<BrokenGoal> brokenGoals,
            List<Conflict> conflicts,
            long solvingMillis)
            implements AgendaEvent {}

    /** The organiser took the proposal; the sessions' placements follow as events of their own. */
    @Revision("1")
    record ProposalAccepted(AgendaId agendaId, UUID solveId) implements AgendaEvent {}

    @Revision("1")
    record ProposalDiscarded(AgendaId agendaId, UUID solveId) implements AgendaEvent {}

    /**
     * The reminder before a session is due for one of its speakers; it names the community event,
     * the session's title and room so the notice needs nothing else of the agenda.
     */
    @Revision("1")
    record SpeakerReminderDue(
            AgendaId agendaId,
            CommunityEventId eventId,
            UUID sessionId,
            String title,
            String room,
            UserId speaker,
            Instant startsAt)
            implements AgendaEvent {}
}
