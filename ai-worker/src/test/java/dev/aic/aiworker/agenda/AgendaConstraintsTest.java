package dev.aic.aiworker.agenda;

import ai.timefold.solver.test.api.score.stream.ConstraintVerifier;
import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgendaConstraintsTest {

    private static final UserId ADA = new UserId(id(1));
    private static final UserId BOB = new UserId(id(2));
    private static final Instant NINE = Instant.parse("2027-03-01T09:00:00Z");
    private static final Room HALL = new Room(id(11), "Hall", 100, List.of("projector"));
    private static final Room CABIN = new Room(id(12), "Cabin", 10, List.of());
    private static final Slot FIRST = slot(21, 0, 60);
    private static final Slot OVERLAPPING = slot(22, 30, 90);
    private static final Slot LATER = slot(23, 60, 120);

    private final ConstraintVerifier<AgendaConstraints, AgendaSchedule> verifier =
            ConstraintVerifier.build(
                    new AgendaConstraints(), AgendaSchedule.class, SessionAssignment.class);

    @Test
    void twoSessionsInOneRoomAtOverlappingTimesBreakAHardRule() {
        verifier.verifyThat(AgendaConstraints::roomConflict)
                .given(
                        at(session(31, ADA), FIRST, HALL),
                        at(session(32, BOB), OVERLAPPING, HALL),
                        at(session(33, BOB), LATER, CABIN))
                .penalizesBy(1);
    }

    @Test
    void aSpeakerInTwoPlacesAtOnceBreaksAHardRule() {
        verifier.verifyThat(AgendaConstraints::speakerConflict)
                .given(
                        at(session(31, ADA), FIRST, HALL),
                        at(session(32, ADA), OVERLAPPING, CABIN),
                        at(session(33, BOB), FIRST, CABIN))
                .penalizesBy(1);
    }

    @Test
    void aRoomTooSmallForTheAudienceBreaksAHardRule() {
        verifier.verifyThat(AgendaConstraints::roomCapacity)
                .given(at(session(31, ADA), FIRST, CABIN), at(session(32, BOB), LATER, HALL))
                .penalizesBy(1);
    }

    @Test
    void aRoomWithoutTheNeededEquipmentBreaksAHardRule() {
        Session demo =
                new Session(
                        id(31),
                        "Demo",
                        null,
                        List.of(ADA),
                        60,
                        "ml",
                        List.of(),
                        List.of("projector"),
                        5);
        verifier.verifyThat(AgendaConstraints::roomEquipment)
                .given(at(demo, FIRST, CABIN))
                .penalizesBy(1);
        verifier.verifyThat(AgendaConstraints::roomEquipment)
                .given(at(demo, FIRST, HALL))
                .penalizesBy(0);
    }

    @Test
    void aSpotOutsideTheEventBreaksAHardRule() {
        SessionAssignment late =
                new SessionAssignment(
                        session(31, ADA),
                        5,
                        false,
                        List.of(),
                        List.of(),
                        false,
                        new Spot(LATER, HALL, false));
        verifier.verifyThat(AgendaConstraints::outsideEvent)
                .given(late, at(session(32, BOB), FIRST, HALL))
                .penalizesBy(1);
    }

    @Test
    void aSessionWhenItsSpeakerIsUnavailableBreaksAHardRule() {
        SessionAssignment away =
                new SessionAssignment(
                        session(31, ADA),
                        5,
                        false,
                        List.of(
                                new Period(
                                        NINE.plus(Duration.ofMinutes(45)),
                                        NINE.plus(Duration.ofMinutes(50)))),
                        List.of(),
                        false,
                        new Spot(FIRST, HALL, true));
        verifier.verifyThat(AgendaConstraints::speakerUnavailable).given(away).penalizesBy(1);
    }

    @Test
    void aSlotShorterThanTheSessionBreaksAHardRule() {
        Session longOne =
                new Session(id(31), "Long", null, List.of(ADA), 90, "ml", List.of(), List.of(), 5);
        verifier.verifyThat(AgendaConstraints::slotTooShort)
                .given(at(longOne, FIRST, HALL), at(session(32, BOB), LATER, HALL))
                .penalizesBy(1);
    }

    @Test
    void aTrackSpreadOverThreeRoomsCostsTwoExtraRooms() {
        Room third = new Room(id(13), "Third", 100, List.of());
        verifier.verifyThat(AgendaConstraints::trackInOneRoom)
                .given(
                        at(session(31, ADA), FIRST, HALL),
                        at(session(32, BOB), LATER, CABIN),
                        at(session(33, BOB), slot(24, 120, 180), third),
                        at(session(34, ADA), slot(25, 180, 240), HALL))
                .penalizesBy(2 * AgendaConstraints.EXTRA_ROOM_OF_A_TRACK);
    }

    @Test
    void twoSessionsOfATrackAtTheSameTimeCostAParallelTrack() {
        Session other =
                new Session(
                        id(32),
                        "Other track",
                        null,
                        List.of(BOB),
                        60,
                        "vision",
                        List.of(),
                        List.of(),
                        5);
        verifier.verifyThat(AgendaConstraints::trackNotInParallel)
                .given(
                        at(session(31, ADA), FIRST, HALL),
                        at(session(33, BOB), OVERLAPPING, CABIN),
                        at(other, FIRST, CABIN))
                .penalizesBy(AgendaConstraints.TRACK_IN_PARALLEL);
    }

    @Test
    void theMorePopularOfTwoParallelSessionsInTheSmallerRoomCostsTheGapInPopularity() {
        SessionAssignment crowd =
                new SessionAssignment(
                        session(31, ADA),
                        90,
                        true,
                        List.of(),
                        List.of(),
                        false,
                        new Spot(FIRST, CABIN, true));
        SessionAssignment few =
                new SessionAssignment(
                        session(32, BOB),
                        20,
                        false,
                        List.of(),
                        List.of(),
                        false,
                        new Spot(FIRST, HALL, true));
        verifier.verifyThat(AgendaConstraints::popularInLargeRooms)
                .given(crowd, few)
                .penalizesBy(70);
        few.setSpot(new Spot(LATER, HALL, true));
        verifier.verifyThat(AgendaConstraints::popularInLargeRooms)
                .given(crowd, few)
                .penalizesBy(0);
    }

    @Test
    void twoPopularSessionsAtTheSameTimeCostAnOverlap() {
        SessionAssignment one =
                new SessionAssignment(
                        session(31, ADA),
                        90,
                        true,
                        List.of(),
                        List.of(),
                        false,
                        new Spot(FIRST, HALL, true));
        SessionAssignment two =
                new SessionAssignment(
                        session(32, BOB),
                        80,
                        true,
                        List.of(),
                        List.of(),
                        false,
                        new Spot(OVERLAPPING, CABIN, true));
        SessionAssignment quiet =
                new SessionAssignment(
                        session(33, BOB),
                        5,
                        false,
                        List.of(),
                        List.of(),
                        false,
                        new Spot(FIRST, CABIN, true));
        verifier.verifyThat(AgendaConstraints::popularNotInParallel)
                .given(one, two, quiet)
                .penalizesBy(AgendaConstraints.POPULAR_IN_PARALLEL);
    }

    @Test
    void aSessionOutsideItsSpeakersPreferredTimeCostsAPreference() {
        List<List<Period>> afternoonsOnly =
                List.of(
                        List.of(
                                new Period(
                                        NINE.plus(Duration.ofHours(4)),
                                        NINE.plus(Duration.ofHours(8)))));
        SessionAssignment morning =
                new SessionAssignment(
                        session(31, ADA),
                        5,
                        false,
                        List.of(),
                        afternoonsOnly,
                        false,
                        new Spot(FIRST, HALL, true));
        verifier.verifyThat(AgendaConstraints::speakerPreference)
                .given(morning)
                .penalizesBy(AgendaConstraints.OUTSIDE_PREFERENCE);
    }

    private static SessionAssignment at(Session session, Slot slot, Room room) {
        return new SessionAssignment(
                session,
                session.expectedAudience(),
                false,
                List.of(),
                List.of(),
                false,
                new Spot(slot, room, true));
    }

    private static Session session(int n, UserId speaker) {
        return new Session(
                id(n), "Session " + n, null, List.of(speaker), 60, "ml", List.of(), List.of(), 50);
    }

    private static Slot slot(int n, int fromMinute, int untilMinute) {
        return new Slot(
                id(n),
                NINE.plus(Duration.ofMinutes(fromMinute)),
                NINE.plus(Duration.ofMinutes(untilMinute)),
                List.of(HALL.roomId(), CABIN.roomId()));
    }

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }
}
