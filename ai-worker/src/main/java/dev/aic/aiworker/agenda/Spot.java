package dev.aic.aiworker.agenda;

import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Slot;

/**
 * One slot in one of its rooms: the value the solver gives a session. Only rooms a slot is offered in make spots,
 * so "the slot is not offered in that room" cannot happen. {@code insideEvent} is worked out once, not per move.
 */
public record Spot(Slot slot, Room room, boolean insideEvent) {

    long start() {
        return slot.startsAt().toEpochMilli();
    }

    long end() {
        return slot.endsAt().toEpochMilli();
    }

    long minutes() {
        return slot.minutes();
    }
}
