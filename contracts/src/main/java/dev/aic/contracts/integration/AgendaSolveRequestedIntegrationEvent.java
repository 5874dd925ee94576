package dev.aic.contracts.integration;

import dev.aic.contracts.agenda.AgendaPlan;
import java.util.UUID;

/**
 * An organiser asked for an agenda proposal, published on {@link Topics#AGENDA_SOLVE_REQUESTS}
 * (key: agenda id) for the ai-worker's solver. The plan is complete: the solver needs nothing else
 * and keeps no state.
 */
public record AgendaSolveRequestedIntegrationEvent(
        UUID agendaId, UUID solveId, int timeBudgetSeconds, AgendaPlan plan) {}
