package dev.aic.aiworker.agenda;

import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.agenda.SpeakerAvailability;
import dev.aic.contracts.user.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns an {@link AgendaPlan} into the solver's {@link AgendaSchedule} and a solved schedule back
 * into placements.
 */
public final class AgendaProblem {

    /**
     * The share of sessions, by popularity, that count as popular for "avoid overlapping popular
     * sessions".
     */
    static final double POPULAR_SHARE = 0.25;

    private AgendaProblem() {}

    /** Locked sessions are pinned where they are; the others start unplaced. */
    public static AgendaSchedule of(AgendaPlan plan) {
        return of(plan, List.of());
    }

    /**
     * Locked sessions are pinned where they are; the others start where {@code start} puts them (a
     * warm start) or unplaced, and may move.
     */
    public static AgendaSchedule of(AgendaPlan plan, List<Placement> start) {
        List<Spot> spots = new ArrayList<>();
        Map<UUID, Room> rooms =
                plan.rooms().stream().collect(Collectors.toMap(Room::roomId, Function.identity()));
        for (Slot slot : plan.slots()) {
            boolean inside = plan.window() == null || plan.window().contains(slot.period());
            slot.roomIds().stream()
                    .map(rooms::get)
                    .filter(Objects::nonNull)
                    .forEach(room -> spots.add(new Spot(slot, room, inside)));
        }
        Map<UserId, SpeakerAvailability> speakers =
                plan.speakers().stream()
                        .collect(
                                Collectors.toMap(
                                        SpeakerAvailability::speaker,
                                        Function.identity(),
                                        (a, b) -> b));
        int threshold = popularityThreshold(plan);
        Map<UserId, Long> sessionsPerSpeaker =
                plan.sessions().stream()
                        .flatMap(session -> session.speakers().stream())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<SessionAssignment> assignments = new ArrayList<>();
        for (Session session : plan.sessions()) {
            List<Period> unavailable = new ArrayList<>();
            List<List<Period>> preferences = new ArrayList<>();
            for (UserId speaker : session.speakers()) {
                SpeakerAvailability stated = speakers.get(speaker);
                if (stated != null) {
                    unavailable.addAll(stated.unavailable());
                    if (!stated.preferred().isEmpty()) {
                        preferences.add(stated.preferred());
                    }
                }
            }
            Spot current =
                    plan.placement(session.sessionId())
                            .map(placement -> spot(spots, placement))
                            .orElse(null);
            boolean pinned = current != null && plan.locked().contains(session.sessionId());
            int popularity = plan.popularity(session);
            long speakerLoad = session.speakers().stream().mapToLong(sessionsPerSpeaker::get).sum();
            int difficulty =
                    (int)
                            (speakerLoad * 1000
                                    + session.requiredEquipment().size() * 500L
                                    + unavailable.size() * 300L
                                    + session.expectedAudience());
            Spot initial =
                    pinned
                            ? current
                            : start.stream()
                                    .filter(
                                            placement ->
                                                    placement
                                                            .sessionId()
                                                            .equals(session.sessionId()))
                                    .findFirst()
                                    .map(placement -> spot(spots, placement))
                                    .orElse(null);
            assignments.add(
                    new SessionAssignment(
                            session,
                            popularity,
                            popularity >= threshold && popularity > 0,
                            unavailable,
                            preferences,
                            pinned,
                            initial,
                            difficulty));
        }
        return new AgendaSchedule(spots, assignments);
    }

    public static List<Placement> placements(AgendaSchedule schedule) {
        return schedule.getAssignments().stream()
                .filter(a -> a.getSpot() != null)
                .map(
                        a ->
                                new Placement(
                                        a.getSessionId(),
                                        a.getSpot().slot().slotId(),
                                        a.getSpot().room().roomId()))
                .toList();
    }

    private static Spot spot(List<Spot> spots, Placement placement) {
        return spots.stream()
                .filter(
                        spot ->
                                spot.slot().slotId().equals(placement.slotId())
                                        && spot.room().roomId().equals(placement.roomId()))
                .findFirst()
                .orElse(null);
    }

    private static int popularityThreshold(AgendaPlan plan) {
        List<Integer> sorted =
                plan.sessions().stream()
                        .map(plan::popularity)
                        .sorted(Comparator.reverseOrder())
                        .toList();
        if (sorted.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        int popular = Math.max(1, (int) Math.floor(sorted.size() * POPULAR_SHARE));
        return sorted.get(popular - 1);
    }
}
