package dev.aic.contracts.agenda;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A time slot and the rooms it is offered in; a session placed in it takes the whole slot in one
 * room.
 */
public record Slot(UUID slotId, Instant startsAt, Instant endsAt, List<UUID> roomIds) {

    public Slot {
        roomIds = roomIds == null ? List.of() : List.copyOf(roomIds);
    }

    public Period period() {
        return new Period(startsAt, endsAt);
    }

    public long minutes() {
        return java.time.Duration.between(startsAt, endsAt).toMinutes();
    }
}
