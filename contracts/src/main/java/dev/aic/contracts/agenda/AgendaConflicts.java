package dev.aic.contracts.agenda;

import dev.aic.contracts.user.UserId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The hard rules of an agenda, in one place: the aggregate refuses a change that breaks one, and
 * the ai-worker verifies the solver's proposal with it rather than trusting the solver's own score.
 * Plain Java, no framework: it reads an {@link AgendaPlan} and names every broken rule with the
 * sessions involved.
 */
public final class AgendaConflicts {

    private final AgendaPlan plan;
    private final Map<UUID, Room> rooms;
    private final Map<UUID, Slot> slots;
    private final Map<UUID, Session> sessions;
    private final Map<UserId, SpeakerAvailability> speakers;

    private AgendaConflicts(AgendaPlan plan) {
        this.plan = plan;
        this.rooms =
                plan.rooms().stream()
                        .collect(Collectors.toMap(Room::roomId, Function.identity(), (a, b) -> b));
        this.slots =
                plan.slots().stream()
                        .collect(Collectors.toMap(Slot::slotId, Function.identity(), (a, b) -> b));
        this.sessions =
                plan.sessions().stream()
                        .collect(
                                Collectors.toMap(
                                        Session::sessionId, Function.identity(), (a, b) -> b));
        this.speakers =
                plan.speakers().stream()
                        .collect(
                                Collectors.toMap(
                                        SpeakerAvailability::speaker,
                                        Function.identity(),
                                        (a, b) -> b));
    }

    public static AgendaConflicts of(AgendaPlan plan) {
        return new AgendaConflicts(plan);
    }

    /**
     * Every conflict of the plan's placements; a colliding pair is reported once, under the
     * earlier-listed session.
     */
    public List<Conflict> all() {
        List<Conflict> conflicts = new ArrayList<>();
        List<Placement> placements = plan.placements();
        for (int i = 0; i < placements.size(); i++) {
            Placement placement = placements.get(i);
            conflicts.addAll(alone(placement));
            for (int j = i + 1; j < placements.size(); j++) {
                conflicts.addAll(between(placement, placements.get(j)));
            }
        }
        return conflicts;
    }

    /**
     * What placing a session at {@code candidate} would break, given every other session's
     * placement in the plan (its own current placement, if any, is ignored: a move replaces it).
     */
    public List<Conflict> of(Placement candidate) {
        List<Conflict> conflicts = new ArrayList<>(alone(candidate));
        for (Placement other : plan.placements()) {
            if (!other.sessionId().equals(candidate.sessionId())) {
                conflicts.addAll(between(candidate, other));
            }
        }
        return conflicts;
    }

    /**
     * The rules one placement breaks on its own: room and slot fit, the event's time, stated
     * unavailability.
     */
    private List<Conflict> alone(Placement placement) {
        Session session = sessions.get(placement.sessionId());
        Slot slot = slots.get(placement.slotId());
        Room room = rooms.get(placement.roomId());
        if (session == null || slot == null || room == null) {
            throw new IllegalArgumentException(
                    "The placement names a session, slot or room the agenda does not have");
        }
        List<Conflict> conflicts = new ArrayList<>();
        UUID id = session.sessionId();
        if (!slot.roomIds().contains(room.roomId())) {
            conflicts.add(
                    new Conflict(
                            HardRule.ROOM_NOT_IN_SLOT,
                            id,
                            null,
                            "The slot at "
                                    + slot.startsAt()
                                    + " is not offered in "
                                    + room.name()));
        }
        if (slot.minutes() < session.durationMinutes()) {
            conflicts.add(
                    new Conflict(
                            HardRule.SLOT_TOO_SHORT,
                            id,
                            null,
                            "'"
                                    + session.title()
                                    + "' takes "
                                    + session.durationMinutes()
                                    + " minutes; the slot has "
                                    + slot.minutes()));
        }
        if (room.capacity() < session.expectedAudience()) {
            conflicts.add(
                    new Conflict(
                            HardRule.ROOM_TOO_SMALL,
                            id,
                            null,
                            room.name()
                                    + " seats "
                                    + room.capacity()
                                    + "; '"
                                    + session.title()
                                    + "' expects "
                                    + session.expectedAudience()));
        }
        Set<String> missing = new HashSet<>(session.requiredEquipment());
        missing.removeAll(room.equipment());
        if (!missing.isEmpty()) {
            conflicts.add(
                    new Conflict(
                            HardRule.EQUIPMENT_MISSING,
                            id,
                            null,
                            room.name()
                                    + " lacks "
                                    + missing.stream().sorted().collect(Collectors.joining(", "))));
        }
        if (plan.window() != null && !plan.window().contains(slot.period())) {
            conflicts.add(
                    new Conflict(
                            HardRule.OUTSIDE_EVENT,
                            id,
                            null,
                            "The slot at "
                                    + slot.startsAt()
                                    + " lies outside the community event's time"));
        }
        for (UserId speaker : session.speakers()) {
            SpeakerAvailability availability = speakers.get(speaker);
            if (availability != null
                    && availability.unavailable().stream().anyMatch(slot.period()::overlaps)) {
                conflicts.add(
                        new Conflict(
                                HardRule.SPEAKER_UNAVAILABLE,
                                id,
                                null,
                                "Speaker "
                                        + speaker
                                        + " stated they are unavailable at "
                                        + slot.startsAt()));
            }
        }
        return conflicts;
    }

    /** The rules two placements break together: one room, one speaker, at the same time. */
    private List<Conflict> between(Placement placement, Placement other) {
        Slot slot = slots.get(placement.slotId());
        Slot otherSlot = slots.get(other.slotId());
        if (slot == null || otherSlot == null || !slot.period().overlaps(otherSlot.period())) {
            return List.of();
        }
        List<Conflict> conflicts = new ArrayList<>();
        Session session = sessions.get(placement.sessionId());
        Session otherSession = sessions.get(other.sessionId());
        if (placement.roomId().equals(other.roomId())) {
            conflicts.add(
                    new Conflict(
                            HardRule.ROOM_DOUBLE_BOOKED,
                            placement.sessionId(),
                            other.sessionId(),
                            "'" + otherSession.title() + "' is in that room at that time"));
        }
        if (!Collections.disjoint(session.speakers(), otherSession.speakers())) {
            conflicts.add(
                    new Conflict(
                            HardRule.SPEAKER_DOUBLE_BOOKED,
                            placement.sessionId(),
                            other.sessionId(),
                            "A speaker of '"
                                    + session.title()
                                    + "' speaks in '"
                                    + otherSession.title()
                                    + "' at that time"));
        }
        return conflicts;
    }
}
