package dev.aic.commandside.agenda;

import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.agenda.BrokenGoal;
import dev.aic.contracts.agenda.Conflict;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Score;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.agenda.SpeakerAvailability;
import dev.aic.contracts.user.UserId;
import java.util.List;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * What can be asked of an {@link Agenda}; {@code expectedVersion} is the client's If-Match. An
 * agenda is opened through its community event ({@code CommunityEventCommands.OpenAgenda}), which
 * knows who organises it.
 */
final class AgendaCommands {

    private AgendaCommands() {}

    record DefineRoom(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            Room room) {}

    record DefineSlot(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            Slot slot) {}

    record DefineSession(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            Session session) {}

    record StateSpeakerAvailability(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            SpeakerAvailability availability) {}

    /** Places an unplaced session, or moves a placed one. */
    record Place(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            Placement placement) {}

    record Unassign(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            UUID sessionId) {}

    record Lock(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            UUID sessionId) {}

    record Unlock(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            UUID sessionId) {}

    record Publish(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor) {}

    record Mark(@TargetAggregateIdentifier AgendaId agendaId, UUID sessionId, UserId member) {}

    record Unmark(@TargetAggregateIdentifier AgendaId agendaId, UUID sessionId, UserId member) {}

    record RequestSolve(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            UUID solveId,
            int timeBudgetSeconds) {}

    /** The ai-worker's best score so far; sent on its behalf from its Kafka report. */
    record RecordProgress(
            @TargetAggregateIdentifier AgendaId agendaId,
            UUID solveId,
            Score bestScore,
            long elapsedMillis) {}

    /** The ai-worker's proposal; sent on its behalf from its Kafka report. */
    record RecordProposal(
            @TargetAggregateIdentifier AgendaId agendaId,
            UUID solveId,
            Score score,
            List<Placement> placements,
            List<BrokenGoal> brokenGoals,
            List<Conflict> conflicts,
            long solvingMillis) {}

    record AcceptProposal(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            UUID solveId) {}

    record DiscardProposal(
            @TargetAggregateIdentifier AgendaId agendaId,
            @TargetAggregateVersion Long expectedVersion,
            Organizer actor,
            UUID solveId) {}
}
