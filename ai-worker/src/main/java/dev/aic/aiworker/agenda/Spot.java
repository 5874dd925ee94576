package dev.aic.aiworker.agenda;

import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Slot;

/**
 * One slot in one of its rooms: the value the solver gives a session. Only rooms a slot is offered
 * in make spots, so "the slot is not offered in that room" cannot happen. What the constraints read
 * is worked out once here, and a spot is equal only to itself: the solver compares and hashes
 * values on every move.
 */
public final class Spot {

    private final Slot slot;
    private final Room room;
    private final boolean insideEvent;
    private final long start;
    private final long end;

    public Spot(Slot slot, Room room, boolean insideEvent) {
        this.slot = slot;
        this.room = room;
        this.insideEvent = insideEvent;
        this.start = slot.startsAt().toEpochMilli();
        this.end = slot.endsAt().toEpochMilli();
    }

    public Slot slot() {
        return slot;
    }

    public Room room() {
        return room;
    }

    boolean insideEvent() {
        return insideEvent;
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    long minutes() {
        return (end - start) / 60_000;
    }

    @Override
    public String toString() {
        return room.name() + " at " + slot.startsAt();
    }
}
