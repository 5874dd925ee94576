package dev.aic.contracts.agenda;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything that decides whether an agenda is valid and how good it is: the community event's
 * time, the rooms, slots and sessions, what speakers stated, the placements, which of them are
 * locked, and how many members marked each session ({@code interest}). The aggregate checks its
 * changes against it, the solver is given it, and the same {@link AgendaConflicts} verifies the
 * solver's answer.
 */
public record AgendaPlan(
        Period window,
        List<Room> rooms,
        List<Slot> slots,
        List<Session> sessions,
        List<SpeakerAvailability> speakers,
        List<Placement> placements,
        List<UUID> locked,
        Map<UUID, Integer> interest) {

    public AgendaPlan {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        slots = slots == null ? List.of() : List.copyOf(slots);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        speakers = speakers == null ? List.of() : List.copyOf(speakers);
        placements = placements == null ? List.of() : List.copyOf(placements);
        locked = locked == null ? List.of() : List.copyOf(locked);
        // sorted, so that the same plan always serialises the same way
        interest = interest == null ? Map.of() : new TreeMap<>(interest);
    }

    /** The same plan with {@code replacement} as its placements, e.g. a solver's proposal. */
    public AgendaPlan withPlacements(List<Placement> replacement) {
        return new AgendaPlan(
                window, rooms, slots, sessions, speakers, replacement, locked, interest);
    }

    public Optional<Room> room(UUID roomId) {
        return rooms.stream().filter(room -> room.roomId().equals(roomId)).findFirst();
    }

    public Optional<Slot> slot(UUID slotId) {
        return slots.stream().filter(slot -> slot.slotId().equals(slotId)).findFirst();
    }

    public Optional<Session> session(UUID sessionId) {
        return sessions.stream()
                .filter(session -> session.sessionId().equals(sessionId))
                .findFirst();
    }

    public Optional<Placement> placement(UUID sessionId) {
        return placements.stream()
                .filter(placement -> placement.sessionId().equals(sessionId))
                .findFirst();
    }

    /** Members who marked the session plus its expected audience: how popular it is. */
    public int popularity(Session session) {
        return session.expectedAudience() + interest.getOrDefault(session.sessionId(), 0);
    }
}
