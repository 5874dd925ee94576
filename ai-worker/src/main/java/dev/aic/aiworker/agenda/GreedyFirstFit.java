package dev.aic.aiworker.agenda;

import dev.aic.contracts.agenda.AgendaConflicts;
import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The baseline the solver is measured against: each session in turn takes the first slot and room,
 * in the agenda's order, that breaks no hard rule ({@link AgendaConflicts}); a session that fits
 * nowhere stays unplaced. Locked sessions keep their place.
 */
public final class GreedyFirstFit {

    private GreedyFirstFit() {}

    public static AgendaPlan place(AgendaPlan plan) {
        List<Placement> placed =
                new ArrayList<>(
                        plan.placements().stream()
                                .filter(placement -> plan.locked().contains(placement.sessionId()))
                                .toList());
        for (Session session : plan.sessions()) {
            if (plan.locked().contains(session.sessionId())) {
                continue;
            }
            firstFit(plan.withPlacements(placed), session.sessionId()).ifPresent(placed::add);
        }
        return plan.withPlacements(placed);
    }

    private static Optional<Placement> firstFit(AgendaPlan sofar, UUID sessionId) {
        AgendaConflicts conflicts = AgendaConflicts.of(sofar);
        for (Slot slot : sofar.slots()) {
            for (UUID room : slot.roomIds()) {
                Placement candidate = new Placement(sessionId, slot.slotId(), room);
                if (conflicts.of(candidate).isEmpty()) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
