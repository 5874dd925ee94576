package dev.aic.aiworker.agenda;

import dev.aic.contracts.agenda.AgendaPlan;
import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.agenda.SpeakerAvailability;
import dev.aic.contracts.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Conference agendas of any size for the solver's tests and the benchmark ({@code bench/run
 * agenda}). Each is made around a hidden feasible placement, so it is solvable, yet tight: speakers
 * give several sessions, some are unavailable part of the time, rooms differ in size and equipment,
 * a few sessions take longer slots' worth.
 */
public final class SampleAgendas {

    private static final Instant FIRST_DAY = Instant.parse("2027-03-01T09:00:00Z");
    private static final int SLOTS_PER_DAY = 6;
    private static final String[] TRACKS = {"nlp", "vision", "mlops", "ethics", "agents", "data"};
    private static final int[] ROOM_SIZES = {300, 150, 80, 40};

    private SampleAgendas() {}

    /** The fixture of issue 19: 40 sessions, 4 rooms, 12 slots, speaker conflicts. */
    public static AgendaPlan conference40() {
        return conference(40, 4, 12, 19);
    }

    public static AgendaPlan conference(int sessionCount, int roomCount, int slotCount, long seed) {
        if (sessionCount > roomCount * slotCount) {
            throw new IllegalArgumentException("More sessions than slots times rooms");
        }
        Random random = new Random(seed);
        List<Room> rooms = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
            List<String> equipment =
                    r % 4 == 3
                            ? List.of()
                            : r % 2 == 0
                                    ? List.of("projector", "microphone")
                                    : List.of("projector");
            rooms.add(
                    new Room(
                            id(random),
                            "Room " + (r + 1),
                            ROOM_SIZES[r % ROOM_SIZES.length],
                            equipment));
        }
        List<UUID> roomIds = rooms.stream().map(Room::roomId).toList();
        List<Slot> slots = new ArrayList<>();
        for (int s = 0; s < slotCount; s++) {
            Instant start =
                    FIRST_DAY
                            .plus(Duration.ofDays(s / SLOTS_PER_DAY))
                            .plus(Duration.ofMinutes(75L * (s % SLOTS_PER_DAY)));
            slots.add(new Slot(id(random), start, start.plus(Duration.ofMinutes(60)), roomIds));
        }
        int days = (slotCount + SLOTS_PER_DAY - 1) / SLOTS_PER_DAY;
        Period window =
                new Period(
                        FIRST_DAY.minus(Duration.ofHours(1)),
                        FIRST_DAY.plus(Duration.ofDays(days - 1)).plus(Duration.ofHours(10)));

        // the hidden placement: a random spot per session, so every rule below can be met
        List<int[]> spots = new ArrayList<>();
        for (int s = 0; s < slotCount; s++) {
            for (int r = 0; r < roomCount; r++) {
                spots.add(new int[] {s, r});
            }
        }
        Collections.shuffle(spots, random);
        int speakerCount = Math.max(2, sessionCount * 3 / 5);
        List<UserId> speakers = new ArrayList<>();
        for (int p = 0; p < speakerCount; p++) {
            speakers.add(new UserId(id(random)));
        }
        Map<UserId, Set<Integer>> busy = new HashMap<>();
        List<Session> sessions = new ArrayList<>();
        for (int n = 0; n < sessionCount; n++) {
            int slot = spots.get(n)[0];
            Room room = rooms.get(spots.get(n)[1]);
            List<UserId> onStage = new ArrayList<>();
            onStage.add(freeSpeaker(speakers, busy, slot, random));
            if (random.nextInt(5) == 0) {
                UserId second = freeSpeaker(speakers, busy, slot, random);
                if (!onStage.contains(second)) {
                    onStage.add(second);
                }
            }
            onStage.forEach(
                    speaker -> busy.computeIfAbsent(speaker, s -> new HashSet<>()).add(slot));
            List<String> equipment =
                    room.equipment().isEmpty() || random.nextInt(3) == 0
                            ? List.of()
                            : List.of(
                                    room.equipment().get(random.nextInt(room.equipment().size())));
            int audience = 10 + random.nextInt(Math.max(1, room.capacity() - 10));
            sessions.add(
                    new Session(
                            id(random),
                            "Session " + (n + 1),
                            null,
                            onStage,
                            30 + 15 * random.nextInt(3),
                            TRACKS[random.nextInt(Math.min(TRACKS.length, 2 + sessionCount / 20))],
                            List.of(),
                            equipment,
                            audience));
        }
        List<SpeakerAvailability> availability = new ArrayList<>();
        for (UserId speaker : speakers) {
            Set<Integer> theirs = busy.getOrDefault(speaker, Set.of());
            List<Period> unavailable = new ArrayList<>();
            List<Period> preferred = new ArrayList<>();
            if (random.nextInt(4) == 0) {
                int away = random.nextInt(slotCount);
                if (!theirs.contains(away)) {
                    unavailable.add(slots.get(away).period());
                }
            }
            if (random.nextInt(3) == 0 && !theirs.isEmpty()) {
                Slot liked = slots.get(theirs.iterator().next());
                preferred.add(
                        new Period(
                                liked.startsAt().minus(Duration.ofHours(2)),
                                liked.endsAt().plus(Duration.ofHours(2))));
            }
            if (!unavailable.isEmpty() || !preferred.isEmpty()) {
                availability.add(new SpeakerAvailability(speaker, unavailable, preferred));
            }
        }
        Map<UUID, Integer> interest = new HashMap<>();
        sessions.stream()
                .filter(session -> random.nextInt(4) == 0)
                .forEach(session -> interest.put(session.sessionId(), random.nextInt(60)));
        return new AgendaPlan(
                window, rooms, slots, sessions, availability, List.of(), List.of(), interest);
    }

    private static UserId freeSpeaker(
            List<UserId> speakers, Map<UserId, Set<Integer>> busy, int slot, Random random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            // a small pool gives most sessions: speakers with several sessions make the conflicts
            UserId speaker = speakers.get(random.nextInt(Math.max(1, speakers.size() / 2)));
            if (!busy.getOrDefault(speaker, Set.of()).contains(slot)) {
                return speaker;
            }
        }
        UserId fresh =
                speakers.stream()
                        .filter(s -> !busy.getOrDefault(s, Set.of()).contains(slot))
                        .findFirst()
                        .orElseThrow();
        return fresh;
    }

    private static UUID id(Random random) {
        return new UUID(random.nextLong(), random.nextLong());
    }
}
