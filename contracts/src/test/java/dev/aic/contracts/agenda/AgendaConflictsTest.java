package dev.aic.contracts.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AgendaConflictsTest {

    private static final UserId ADA =
            new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UserId BOB =
            new UserId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    private static final Instant NINE = Instant.parse("2027-03-01T09:00:00Z");
    private static final Period DAY =
            new Period(NINE.minusSeconds(3600), NINE.plusSeconds(9 * 3600));
    private static final Room HALL = new Room(id(1), "Hall", 100, List.of("projector"));
    private static final Room CABIN = new Room(id(2), "Cabin", 10, List.of());
    private static final Slot FIRST =
            new Slot(id(11), NINE, NINE.plusSeconds(3600), List.of(HALL.roomId(), CABIN.roomId()));
    private static final Slot OVERLAPPING =
            new Slot(
                    id(12),
                    NINE.plusSeconds(1800),
                    NINE.plusSeconds(5400),
                    List.of(HALL.roomId(), CABIN.roomId()));
    private static final Slot AFTER =
            new Slot(
                    id(13), NINE.plusSeconds(3600), NINE.plusSeconds(7200), List.of(HALL.roomId()));
    private static final Slot NIGHT =
            new Slot(
                    id(14),
                    NINE.plusSeconds(14 * 3600),
                    NINE.plusSeconds(15 * 3600),
                    List.of(HALL.roomId()));
    private static final Session TALK = session(21, "Talk", List.of(ADA), 60, List.of(), 50);
    private static final Session OTHER = session(22, "Other", List.of(BOB), 60, List.of(), 5);
    private static final Session ADA_AGAIN =
            session(23, "Ada again", List.of(ADA), 60, List.of(), 5);
    private static final Session DEMO =
            session(24, "Demo", List.of(BOB), 60, List.of("projector"), 5);
    private static final Session LONG = session(25, "Long", List.of(BOB), 90, List.of(), 5);

    @Test
    void aRoomHoldsOneSessionAtATime() {
        var conflicts = check(List.of(at(TALK, FIRST, HALL)), at(OTHER, OVERLAPPING, HALL));
        assertThat(conflicts)
                .containsExactly(
                        new Conflict(
                                HardRule.ROOM_DOUBLE_BOOKED,
                                OTHER.sessionId(),
                                TALK.sessionId(),
                                "'Talk' is in that room at that time"));
    }

    @Test
    void slotsThatOnlyTouchDoNotCollide() {
        assertThat(check(List.of(at(TALK, FIRST, HALL)), at(OTHER, AFTER, HALL))).isEmpty();
    }

    @Test
    void aSpeakerIsInOnePlaceAtATime() {
        var conflicts = check(List.of(at(TALK, FIRST, HALL)), at(ADA_AGAIN, FIRST, CABIN));
        assertThat(conflicts)
                .extracting(Conflict::rule, Conflict::conflictingSessionId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                HardRule.SPEAKER_DOUBLE_BOOKED, TALK.sessionId()));
    }

    @Test
    void aSessionFitsItsRoomsCapacity() {
        assertThat(check(List.of(), at(TALK, FIRST, CABIN)))
                .extracting(Conflict::rule)
                .containsExactly(HardRule.ROOM_TOO_SMALL);
    }

    @Test
    void aSessionGetsTheEquipmentItNeeds() {
        assertThat(check(List.of(), at(DEMO, FIRST, CABIN)))
                .extracting(Conflict::rule, Conflict::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                HardRule.EQUIPMENT_MISSING, "Cabin lacks projector"));
    }

    @Test
    void aSessionStaysInsideTheCommunityEventsTime() {
        assertThat(check(List.of(), at(OTHER, NIGHT, HALL)))
                .extracting(Conflict::rule)
                .containsExactly(HardRule.OUTSIDE_EVENT);
    }

    @Test
    void aSessionAvoidsItsSpeakersStatedUnavailability() {
        var busy =
                new SpeakerAvailability(
                        BOB,
                        List.of(new Period(NINE.plusSeconds(1200), NINE.plusSeconds(1800))),
                        List.of());
        var plan = plan(List.of(), List.of(busy));
        assertThat(AgendaConflicts.of(plan).of(at(OTHER, FIRST, HALL)))
                .extracting(Conflict::rule)
                .containsExactly(HardRule.SPEAKER_UNAVAILABLE);
    }

    @Test
    void aSessionNeedsASlotAsLongAsItAndARoomTheSlotIsOfferedIn() {
        assertThat(check(List.of(), at(LONG, AFTER, CABIN)))
                .extracting(Conflict::rule)
                .containsExactly(HardRule.ROOM_NOT_IN_SLOT, HardRule.SLOT_TOO_SHORT);
    }

    @Test
    void movingASessionIgnoresWhereItWasBefore() {
        assertThat(check(List.of(at(TALK, FIRST, HALL)), at(TALK, OVERLAPPING, HALL))).isEmpty();
    }

    @Test
    void theWholePlanReportsEachCollidingPairOnce() {
        var plan =
                plan(List.of(at(TALK, FIRST, HALL), at(ADA_AGAIN, OVERLAPPING, HALL)), List.of());
        assertThat(AgendaConflicts.of(plan).all())
                .extracting(Conflict::rule, Conflict::sessionId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                HardRule.ROOM_DOUBLE_BOOKED, TALK.sessionId()),
                        org.assertj.core.groups.Tuple.tuple(
                                HardRule.SPEAKER_DOUBLE_BOOKED, TALK.sessionId()));
    }

    private static List<Conflict> check(List<Placement> placed, Placement candidate) {
        return AgendaConflicts.of(plan(placed, List.of())).of(candidate);
    }

    private static AgendaPlan plan(List<Placement> placed, List<SpeakerAvailability> speakers) {
        return new AgendaPlan(
                DAY,
                List.of(HALL, CABIN),
                List.of(FIRST, OVERLAPPING, AFTER, NIGHT),
                List.of(TALK, OTHER, ADA_AGAIN, DEMO, LONG),
                speakers,
                placed,
                List.of(),
                Map.of());
    }

    private static Placement at(Session session, Slot slot, Room room) {
        return new Placement(session.sessionId(), slot.slotId(), room.roomId());
    }

    private static Session session(
            int n,
            String title,
            List<UserId> speakers,
            int minutes,
            List<String> equipment,
            int audience) {
        return new Session(
                id(n), title, null, speakers, minutes, "ml", List.of(), equipment, audience);
    }

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }
}
