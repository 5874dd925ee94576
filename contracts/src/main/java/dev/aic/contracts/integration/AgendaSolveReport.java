package dev.aic.contracts.integration;

import dev.aic.contracts.agenda.BrokenGoal;
import dev.aic.contracts.agenda.Conflict;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Score;
import java.util.List;
import java.util.UUID;

/**
 * What the ai-worker reports about a solve, published on {@link Topics#AGENDA_SOLVE_REPORTS} (key:
 * agenda id) for the command-side to record as events of the agenda. Delivery is at least once;
 * recording is idempotent.
 */
public sealed interface AgendaSolveReport {

    UUID agendaId();

    UUID solveId();

    /** A better score was found {@code elapsedMillis} into the solve. */
    record Progressed(UUID agendaId, UUID solveId, Score bestScore, long elapsedMillis)
            implements AgendaSolveReport {}

    /**
     * The solve ended: its best placements, score, missed soft goals explained, and any hard rule
     * still broken.
     */
    record Proposed(
            UUID agendaId,
            UUID solveId,
            Score score,
            List<Placement> placements,
            List<BrokenGoal> brokenGoals,
            List<Conflict> conflicts,
            long solvingMillis)
            implements AgendaSolveReport {}
}
