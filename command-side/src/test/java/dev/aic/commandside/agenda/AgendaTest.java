package dev.aic.commandside.agenda;

import dev.aic.commandside.agenda.AgendaRuleViolation.Kind;
import dev.aic.contracts.agenda.AgendaEvent.Opened;
import dev.aic.contracts.agenda.AgendaEvent.ProposalAccepted;
import dev.aic.contracts.agenda.AgendaEvent.ProposalDiscarded;
import dev.aic.contracts.agenda.AgendaEvent.ProposalReceived;
import dev.aic.contracts.agenda.AgendaEvent.Published;
import dev.aic.contracts.agenda.AgendaEvent.RoomDefined;
import dev.aic.contracts.agenda.AgendaEvent.SessionDefined;
import dev.aic.contracts.agenda.AgendaEvent.SessionLocked;
import dev.aic.contracts.agenda.AgendaEvent.SessionMarked;
import dev.aic.contracts.agenda.AgendaEvent.SessionMoved;
import dev.aic.contracts.agenda.AgendaEvent.SessionPlaced;
import dev.aic.contracts.agenda.AgendaEvent.SessionUnassigned;
import dev.aic.contracts.agenda.AgendaEvent.SlotDefined;
import dev.aic.contracts.agenda.AgendaEvent.SolveProgressed;
import dev.aic.contracts.agenda.AgendaEvent.SolveRequested;
import dev.aic.contracts.agenda.AgendaEvent.SpeakerAvailabilityStated;
import dev.aic.contracts.agenda.AgendaEvent.SpeakerReminderDue;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.agenda.HardRule;
import dev.aic.contracts.agenda.Period;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Room;
import dev.aic.contracts.agenda.Score;
import dev.aic.contracts.agenda.Session;
import dev.aic.contracts.agenda.Slot;
import dev.aic.contracts.agenda.SpeakerAvailability;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgendaTest {

    private static final CommunityEventId CONFERENCE = new CommunityEventId(id(1));
    private static final AgendaId AGENDA = AgendaId.of(CONFERENCE);
    private static final UserId OLIVIA = new UserId(id(2));
    private static final UserId ADA = new UserId(id(3));
    private static final UserId BOB = new UserId(id(4));
    private static final Organizer OLIVIA_ACTS = new Organizer(OLIVIA, false);
    private static final Duration REMINDER_OFFSET = Duration.ofHours(2);

    private AggregateTestFixture<Agenda> fixture;
    private Instant nine;
    private Room hall;
    private Room cabin;
    private Slot first;
    private Slot second;
    private Session talk;
    private Session adaAgain;
    private Session demo;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agenda.class);
        fixture.registerInjectableResource(new FixtureClock());
        fixture.registerInjectableResource(new SpeakerReminderPolicy(REMINDER_OFFSET));
        nine = fixture.currentTime().plus(Duration.ofDays(7));
        hall = new Room(id(11), "Hall", 100, List.of("projector"));
        cabin = new Room(id(12), "Cabin", 10, List.of());
        first =
                new Slot(
                        id(21),
                        nine,
                        nine.plus(Duration.ofHours(1)),
                        List.of(hall.roomId(), cabin.roomId()));
        second =
                new Slot(
                        id(22),
                        nine.plus(Duration.ofHours(1)),
                        nine.plus(Duration.ofHours(2)),
                        List.of(hall.roomId(), cabin.roomId()));
        talk = new Session(id(31), "Talk", null, List.of(ADA), 60, "ml", List.of(), List.of(), 50);
        adaAgain =
                new Session(
                        id(32), "Ada again", null, List.of(ADA), 60, "ml", List.of(), List.of(), 5);
        demo =
                new Session(
                        id(33),
                        "Demo",
                        null,
                        List.of(BOB),
                        45,
                        "ml",
                        List.of(),
                        List.of("projector"),
                        5);
    }

    @Test
    void onlyOrganisersAndAdministratorsChangeAnAgenda() {
        fixture.given(defined())
                .when(new AgendaCommands.DefineRoom(AGENDA, null, new Organizer(ADA, false), hall))
                .expectException(violation(Kind.NOT_AN_ORGANIZER));
        fixture.given(defined())
                .when(new AgendaCommands.Publish(AGENDA, null, new Organizer(ADA, true)))
                .expectEvents(new Published(AGENDA));
    }

    @Test
    void anOrganiserPlacesASessionAndMovesIt() {
        Placement inHall = new Placement(talk.sessionId(), first.slotId(), hall.roomId());
        fixture.given(defined())
                .when(new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, inHall))
                .expectEvents(new SessionPlaced(AGENDA, inHall))
                .expectScheduledDeadlineWithName(
                        nine.minus(REMINDER_OFFSET), Agenda.SPEAKER_REMINDER);
        Placement later = new Placement(talk.sessionId(), second.slotId(), hall.roomId());
        fixture.given(with(defined(), new SessionPlaced(AGENDA, inHall)))
                .when(new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, later))
                .expectEvents(new SessionMoved(AGENDA, later));
    }

    @Test
    void aRoomHoldsOneSessionAtATime() {
        fixture.given(with(defined(), new SessionPlaced(AGENDA, at(talk, first, hall))))
                .when(new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(demo, first, hall)))
                .expectException(conflict(HardRule.ROOM_DOUBLE_BOOKED, demo, talk))
                .expectNoEvents();
    }

    @Test
    void aSpeakerIsInOnePlaceAtATime() {
        fixture.given(with(defined(), new SessionPlaced(AGENDA, at(talk, first, hall))))
                .when(
                        new AgendaCommands.Place(
                                AGENDA, null, OLIVIA_ACTS, at(adaAgain, first, cabin)))
                .expectException(conflict(HardRule.SPEAKER_DOUBLE_BOOKED, adaAgain, talk))
                .expectNoEvents();
    }

    @Test
    void aSessionFitsItsRoomsCapacity() {
        fixture.given(defined())
                .when(new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(talk, first, cabin)))
                .expectException(conflict(HardRule.ROOM_TOO_SMALL, talk, null));
    }

    @Test
    void aSessionGetsTheEquipmentItNeeds() {
        fixture.given(defined())
                .when(new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(demo, first, cabin)))
                .expectException(conflict(HardRule.EQUIPMENT_MISSING, demo, null));
    }

    @Test
    void aSessionStaysInsideTheCommunityEventsTime() {
        Slot night =
                new Slot(
                        id(23),
                        nine.plus(Duration.ofHours(20)),
                        nine.plus(Duration.ofHours(21)),
                        List.of(hall.roomId()));
        fixture.given(with(defined(), new SlotDefined(AGENDA, night)))
                .when(new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(talk, night, hall)))
                .expectException(conflict(HardRule.OUTSIDE_EVENT, talk, null));
    }

    @Test
    void aSessionAvoidsItsSpeakersStatedUnavailability() {
        var busy =
                new SpeakerAvailability(
                        ADA,
                        List.of(new Period(nine, nine.plus(Duration.ofMinutes(30)))),
                        List.of());
        fixture.given(with(defined(), new SpeakerAvailabilityStated(AGENDA, busy)))
                .when(new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(talk, first, hall)))
                .expectException(conflict(HardRule.SPEAKER_UNAVAILABLE, talk, null));
    }

    @Test
    void aSpeakerCannotBecomeUnavailableWhenTheySpeak() {
        var busy =
                new SpeakerAvailability(
                        ADA,
                        List.of(new Period(nine, nine.plus(Duration.ofMinutes(30)))),
                        List.of());
        fixture.given(with(defined(), new SessionPlaced(AGENDA, at(talk, first, hall))))
                .when(
                        new AgendaCommands.StateSpeakerAvailability(
                                AGENDA, null, new Organizer(ADA, false), busy))
                .expectException(conflict(HardRule.SPEAKER_UNAVAILABLE, talk, null));
    }

    @Test
    void aRoomCannotShrinkBelowThePlacedSessionsAudience() {
        fixture.given(with(defined(), new SessionPlaced(AGENDA, at(talk, first, hall))))
                .when(
                        new AgendaCommands.DefineRoom(
                                AGENDA,
                                null,
                                OLIVIA_ACTS,
                                new Room(hall.roomId(), "Hall", 20, List.of("projector"))))
                .expectException(conflict(HardRule.ROOM_TOO_SMALL, talk, null));
    }

    @Test
    void aLockedSessionKeepsItsPlace() {
        fixture.given(
                        with(
                                defined(),
                                new SessionPlaced(AGENDA, at(talk, first, hall)),
                                new SessionLocked(AGENDA, talk.sessionId())))
                .when(new AgendaCommands.Unassign(AGENDA, null, OLIVIA_ACTS, talk.sessionId()))
                .expectException(violation(Kind.LOCKED));
        fixture.given(defined())
                .when(new AgendaCommands.Lock(AGENDA, null, OLIVIA_ACTS, talk.sessionId()))
                .expectException(violation(Kind.NOT_PLACED));
    }

    @Test
    void anUnassignedSessionLeavesItsSlot() {
        fixture.given(with(defined(), new SessionPlaced(AGENDA, at(talk, first, hall))))
                .when(new AgendaCommands.Unassign(AGENDA, null, OLIVIA_ACTS, talk.sessionId()))
                .expectEvents(new SessionUnassigned(AGENDA, talk.sessionId()));
    }

    @Test
    void membersMarkSessionsOfAPublishedAgendaOnce() {
        fixture.given(defined())
                .when(new AgendaCommands.Mark(AGENDA, talk.sessionId(), BOB))
                .expectException(violation(Kind.NOT_PUBLISHED));
        fixture.given(
                        with(
                                defined(),
                                new Published(AGENDA),
                                new SessionMarked(AGENDA, talk.sessionId(), BOB)))
                .when(new AgendaCommands.Mark(AGENDA, talk.sessionId(), BOB))
                .expectNoEvents();
    }

    @Test
    void aSolveRequestCarriesTheAgendaAsTheSolverGetsIt() {
        UUID solve = id(41);
        fixture.given(defined())
                .when(new AgendaCommands.RequestSolve(AGENDA, null, OLIVIA_ACTS, solve, 30))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.messageWithPayload(
                                        new TypeSafeMatcher<SolveRequested>() {
                                            @Override
                                            protected boolean matchesSafely(SolveRequested item) {
                                                return item.solveId().equals(solve)
                                                        && item.plan().sessions().size() == 3
                                                        && item.timeBudgetSeconds() == 30;
                                            }

                                            @Override
                                            public void describeTo(Description description) {
                                                description.appendText(
                                                        "a solve request with the three sessions");
                                            }
                                        }),
                                org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    void progressIsRecordedOnceAndOnlyWhileSolving() {
        UUID solve = id(41);
        var progressed = new SolveProgressed(AGENDA, solve, new Score(-1, -20), 2000);
        fixture.given(with(defined(), solveRequested(solve), progressed))
                .when(new AgendaCommands.RecordProgress(AGENDA, solve, new Score(-1, -20), 2000))
                .expectNoEvents();
        fixture.given(with(defined(), solveRequested(solve), progressed))
                .when(new AgendaCommands.RecordProgress(AGENDA, solve, new Score(0, -10), 3000))
                .expectEvents(new SolveProgressed(AGENDA, solve, new Score(0, -10), 3000));
        fixture.given(defined())
                .when(new AgendaCommands.RecordProgress(AGENDA, solve, new Score(0, -10), 3000))
                .expectNoEvents();
    }

    @Test
    void anAcceptedProposalBecomesPlacementsAndLeavesLockedSessionsBe() {
        UUID solve = id(41);
        Placement lockedTalk = at(talk, first, hall);
        var proposal =
                new ProposalReceived(
                        AGENDA,
                        solve,
                        new Score(0, -3),
                        List.of(
                                at(talk, second, hall),
                                at(adaAgain, second, cabin),
                                at(demo, second, hall)),
                        List.of(),
                        List.of(),
                        1000);
        fixture.given(
                        with(
                                defined(),
                                new SessionPlaced(AGENDA, lockedTalk),
                                new SessionLocked(AGENDA, talk.sessionId()),
                                solveRequested(solve),
                                proposal))
                .when(new AgendaCommands.AcceptProposal(AGENDA, null, OLIVIA_ACTS, solve))
                .expectEvents(
                        new ProposalAccepted(AGENDA, solve),
                        new SessionPlaced(AGENDA, at(adaAgain, second, cabin)),
                        new SessionPlaced(AGENDA, at(demo, second, hall)));
    }

    @Test
    void aProposalThatNoLongerFitsIsRefusedNamingTheConflict() {
        UUID solve = id(41);
        var proposal =
                new ProposalReceived(
                        AGENDA,
                        solve,
                        new Score(0, 0),
                        List.of(at(demo, first, hall)),
                        List.of(),
                        List.of(),
                        1000);
        fixture.given(
                        with(
                                defined(),
                                solveRequested(solve),
                                proposal,
                                new SessionPlaced(AGENDA, at(talk, first, hall))))
                .when(new AgendaCommands.AcceptProposal(AGENDA, null, OLIVIA_ACTS, solve))
                .expectException(conflict(HardRule.ROOM_DOUBLE_BOOKED, talk, demo));
    }

    @Test
    void aProposalIsDecidedOnce() {
        UUID solve = id(41);
        var proposal =
                new ProposalReceived(
                        AGENDA, solve, new Score(0, 0), List.of(), List.of(), List.of(), 1000);
        fixture.given(
                        with(
                                defined(),
                                solveRequested(solve),
                                proposal,
                                new ProposalDiscarded(AGENDA, solve)))
                .when(new AgendaCommands.AcceptProposal(AGENDA, null, OLIVIA_ACTS, solve))
                .expectException(violation(Kind.NO_SUCH_PROPOSAL));
    }

    @Test
    void speakersAreRemindedBeforeTheirSession() {
        fixture.given(defined())
                .andGivenCommands(
                        new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(talk, first, hall)))
                .whenTimeElapses(Duration.ofDays(7).minus(REMINDER_OFFSET).plusSeconds(1))
                .expectEvents(
                        new SpeakerReminderDue(
                                AGENDA, CONFERENCE, talk.sessionId(), "Talk", "Hall", ADA, nine));
    }

    @Test
    void aSpeakersReminderMovesWithTheirSession() {
        fixture.given(defined())
                .andGivenCommands(
                        new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(talk, first, hall)),
                        new AgendaCommands.Place(AGENDA, null, OLIVIA_ACTS, at(talk, second, hall)))
                .whenTimeElapses(Duration.ofDays(7).minus(REMINDER_OFFSET).plusSeconds(1))
                .expectNoEvents();
    }

    private Object[] defined() {
        return new Object[] {
            new Opened(
                    AGENDA,
                    CONFERENCE,
                    List.of(OLIVIA),
                    new Period(nine.minus(Duration.ofHours(1)), nine.plus(Duration.ofHours(10))),
                    "Europe/Amsterdam"),
            new RoomDefined(AGENDA, hall),
            new RoomDefined(AGENDA, cabin),
            new SlotDefined(AGENDA, first),
            new SlotDefined(AGENDA, second),
            new SessionDefined(AGENDA, talk),
            new SessionDefined(AGENDA, adaAgain),
            new SessionDefined(AGENDA, demo)
        };
    }

    private SolveRequested solveRequested(UUID solve) {
        return new SolveRequested(AGENDA, solve, 30, null);
    }

    private static Object[] with(Object[] given, Object... more) {
        Object[] all = java.util.Arrays.copyOf(given, given.length + more.length);
        System.arraycopy(more, 0, all, given.length, more.length);
        return all;
    }

    private static Placement at(Session session, Slot slot, Room room) {
        return new Placement(session.sessionId(), slot.slotId(), room.roomId());
    }

    private static Matcher<AgendaRuleViolation> violation(Kind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(AgendaRuleViolation item) {
                return item.kind() == kind;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an agenda rule violation of kind " + kind);
            }
        };
    }

    private static Matcher<AgendaRuleViolation> conflict(
            HardRule rule, Session session, Session conflicting) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(AgendaRuleViolation item) {
                return item.kind() == Kind.HARD_RULE
                        && item.conflict().rule() == rule
                        && item.conflict().sessionId().equals(session.sessionId())
                        && java.util.Objects.equals(
                                item.conflict().conflictingSessionId(),
                                conflicting == null ? null : conflicting.sessionId());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(
                        rule
                                + " of '"
                                + session.title()
                                + "'"
                                + (conflicting == null
                                        ? ""
                                        : " with '" + conflicting.title() + "'"));
            }
        };
    }

    private static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }

    private final class FixtureClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return fixture.currentTime();
        }
    }
}
