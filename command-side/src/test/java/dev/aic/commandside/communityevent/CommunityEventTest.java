package dev.aic.commandside.communityevent;

import dev.aic.commandside.communityevent.RuleViolation.Kind;
import dev.aic.contracts.agenda.AgendaId;
import dev.aic.contracts.communityevent.CommunityEventEvent.AgendaOpened;
import dev.aic.contracts.communityevent.CommunityEventEvent.AttendeeCheckedIn;
import dev.aic.contracts.communityevent.CommunityEventEvent.Cancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.CapacityChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.CoOrganizerAdded;
import dev.aic.contracts.communityevent.CommunityEventEvent.Drafted;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.Published;
import dev.aic.contracts.communityevent.CommunityEventEvent.ReminderDue;
import dev.aic.contracts.communityevent.CommunityEventEvent.Rescheduled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpConfirmed;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommunityEventTest {

    private static final CommunityEventId MEETUP =
            new CommunityEventId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final UserId OLIVIA = user(1);
    private static final UserId OSCAR = user(2);
    private static final UserId ADA = user(11);
    private static final UserId BOB = user(12);
    private static final UserId CY = user(13);
    private static final UserId DEE = user(14);
    private static final Actor OLIVIA_ACTS = new Actor(OLIVIA, false);
    private static final Details DETAILS =
            new Details(
                    "Reading group",
                    "Attention is all you need",
                    "Library",
                    null,
                    List.of("nlp"),
                    Visibility.PUBLIC);
    private static final Duration OFFSET = Duration.ofHours(24);

    private AggregateTestFixture<CommunityEvent> fixture;
    private Instant now;
    private Schedule inAWeek;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CommunityEvent.class);
        fixture.registerInjectableResource(new FixtureClock());
        fixture.registerInjectableResource(new ReminderPolicy(OFFSET));
        now = fixture.currentTime();
        inAWeek =
                new Schedule(
                        now.plus(Duration.ofDays(7)),
                        now.plus(Duration.ofDays(7)).plus(Duration.ofHours(2)),
                        "Europe/Amsterdam");
    }

    @Test
    void anOrganiserDraftsAnEvent() {
        fixture.givenNoPriorActivity()
                .when(new CommunityEventCommands.Draft(MEETUP, OLIVIA_ACTS, DETAILS, inAWeek, 50))
                .expectEvents(new Drafted(MEETUP, OLIVIA, DETAILS, inAWeek, 50));
    }

    @Test
    void anEventEndsAfterItStarts() {
        var backwards = new Schedule(inAWeek.endsAt(), inAWeek.startsAt(), "UTC");
        fixture.givenNoPriorActivity()
                .when(new CommunityEventCommands.Draft(MEETUP, OLIVIA_ACTS, DETAILS, backwards, 50))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The event must end after it starts");
    }

    @Test
    void onlyOrganisersAndAdministratorsChangeAnEvent() {
        fixture.given(drafted(50))
                .when(new CommunityEventCommands.Publish(MEETUP, null, new Actor(ADA, false)))
                .expectException(violation(Kind.NOT_AN_ORGANIZER))
                .expectNoEvents();
        fixture.given(drafted(50))
                .when(new CommunityEventCommands.Publish(MEETUP, null, new Actor(ADA, true)))
                .expectEvents(new Published(MEETUP));
        fixture.given(drafted(50), new CoOrganizerAdded(MEETUP, OSCAR))
                .when(new CommunityEventCommands.Publish(MEETUP, null, new Actor(OSCAR, false)))
                .expectEvents(new Published(MEETUP));
    }

    @Test
    void aPublishedEventCannotMoveIntoThePast() {
        var yesterday =
                new Schedule(now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(22)), "UTC");
        fixture.given(drafted(50), new Published(MEETUP))
                .when(new CommunityEventCommands.Reschedule(MEETUP, null, OLIVIA_ACTS, yesterday))
                .expectException(violation(Kind.IN_THE_PAST))
                .expectNoEvents();
    }

    @Test
    void anEventOpensItsAgendaOnce() {
        fixture.given(drafted(50), new AgendaOpened(MEETUP, AgendaId.of(MEETUP)))
                .when(new CommunityEventCommands.OpenAgenda(MEETUP, OLIVIA_ACTS))
                .expectException(violation(Kind.AGENDA_ALREADY_OPEN))
                .expectNoEvents();
        fixture.given(drafted(50))
                .when(new CommunityEventCommands.OpenAgenda(MEETUP, new Actor(ADA, false)))
                .expectException(violation(Kind.NOT_AN_ORGANIZER));
    }

    @Test
    void membersRsvpOnlyOncePublished() {
        fixture.given(drafted(50))
                .when(new CommunityEventCommands.Rsvp(MEETUP, ADA))
                .expectException(violation(Kind.NOT_PUBLISHED));
    }

    @Test
    void seatsGoFirstComeFirstServedAndThenTheWaitingListFillsInOrder() {
        fixture.given(
                        drafted(2),
                        new Published(MEETUP),
                        new RsvpConfirmed(MEETUP, ADA),
                        new RsvpConfirmed(MEETUP, BOB))
                .when(new CommunityEventCommands.Rsvp(MEETUP, CY))
                .expectEvents(new RsvpWaitlisted(MEETUP, CY))
                .expectResultMessagePayload(RsvpState.WAITLISTED);
        fixture.given(drafted(2), new Published(MEETUP), new RsvpConfirmed(MEETUP, ADA))
                .when(new CommunityEventCommands.Rsvp(MEETUP, BOB))
                .expectEvents(new RsvpConfirmed(MEETUP, BOB))
                .expectResultMessagePayload(RsvpState.CONFIRMED)
                .expectScheduledDeadlineWithName(
                        inAWeek.startsAt().minus(OFFSET), CommunityEvent.REMINDER);
    }

    @Test
    void anRsvpTwiceChangesNothing() {
        fixture.given(
                        drafted(1),
                        new Published(MEETUP),
                        new RsvpConfirmed(MEETUP, ADA),
                        new RsvpWaitlisted(MEETUP, BOB))
                .when(new CommunityEventCommands.Rsvp(MEETUP, BOB))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(RsvpState.WAITLISTED)
                .expectNoEvents();
    }

    @Test
    void aFreedSeatGoesToTheFirstInLine() {
        fixture.given(
                        drafted(1),
                        new Published(MEETUP),
                        new RsvpConfirmed(MEETUP, ADA),
                        new RsvpWaitlisted(MEETUP, BOB),
                        new RsvpWaitlisted(MEETUP, CY))
                .when(new CommunityEventCommands.CancelRsvp(MEETUP, ADA))
                .expectEvents(
                        new RsvpCancelled(MEETUP, ADA, RsvpState.CONFIRMED),
                        new PromotedFromWaitingList(MEETUP, BOB))
                .expectScheduledDeadlineWithName(
                        inAWeek.startsAt().minus(OFFSET), CommunityEvent.REMINDER);
    }

    @Test
    void leavingTheWaitingListPromotesNobody() {
        fixture.given(
                        drafted(1),
                        new Published(MEETUP),
                        new RsvpConfirmed(MEETUP, ADA),
                        new RsvpWaitlisted(MEETUP, BOB),
                        new RsvpWaitlisted(MEETUP, CY))
                .when(new CommunityEventCommands.CancelRsvp(MEETUP, BOB))
                .expectEvents(new RsvpCancelled(MEETUP, BOB, RsvpState.WAITLISTED));
    }

    @Test
    void moreSeatsPromoteTheWaitingListInOrder() {
        fixture.given(
                        drafted(1),
                        new Published(MEETUP),
                        new RsvpConfirmed(MEETUP, ADA),
                        new RsvpWaitlisted(MEETUP, BOB),
                        new RsvpWaitlisted(MEETUP, CY),
                        new RsvpWaitlisted(MEETUP, DEE))
                .when(new CommunityEventCommands.ChangeCapacity(MEETUP, null, OLIVIA_ACTS, 3))
                .expectEvents(
                        new CapacityChanged(MEETUP, 3),
                        new PromotedFromWaitingList(MEETUP, BOB),
                        new PromotedFromWaitingList(MEETUP, CY));
    }

    @Test
    void capacityCannotDropBelowTheSeatsTaken() {
        fixture.given(
                        drafted(3),
                        new Published(MEETUP),
                        new RsvpConfirmed(MEETUP, ADA),
                        new RsvpConfirmed(MEETUP, BOB))
                .when(new CommunityEventCommands.ChangeCapacity(MEETUP, null, OLIVIA_ACTS, 1))
                .expectException(violation(Kind.CAPACITY_BELOW_ATTENDANCE))
                .expectNoEvents();
    }

    @Test
    void aCancelledEventAcceptsNothingFurther() {
        fixture.given(drafted(3), new Published(MEETUP), new Cancelled(MEETUP, "speaker ill"))
                .when(new CommunityEventCommands.Rsvp(MEETUP, ADA))
                .expectException(violation(Kind.CANCELLED))
                .expectNoEvents();
    }

    @Test
    void onlyConfirmedAttendeesAreCheckedIn() {
        fixture.given(
                        drafted(1),
                        new Published(MEETUP),
                        new RsvpConfirmed(MEETUP, ADA),
                        new RsvpWaitlisted(MEETUP, BOB))
                .when(new CommunityEventCommands.CheckIn(MEETUP, OLIVIA_ACTS, BOB))
                .expectException(violation(Kind.NOT_ATTENDING));
        fixture.given(drafted(1), new Published(MEETUP), new RsvpConfirmed(MEETUP, ADA))
                .when(new CommunityEventCommands.CheckIn(MEETUP, OLIVIA_ACTS, ADA))
                .expectEvents(new AttendeeCheckedIn(MEETUP, ADA));
        fixture.given(drafted(1), new Published(MEETUP), new RsvpConfirmed(MEETUP, ADA))
                .when(new CommunityEventCommands.CheckIn(MEETUP, new Actor(BOB, false), ADA))
                .expectException(violation(Kind.NOT_AN_ORGANIZER));
    }

    @Test
    void theReminderIsDueOnceAtTheConfiguredOffsetBeforeTheStart() {
        fixture.givenCommands(
                        new CommunityEventCommands.Draft(MEETUP, OLIVIA_ACTS, DETAILS, inAWeek, 5),
                        new CommunityEventCommands.Publish(MEETUP, null, OLIVIA_ACTS),
                        new CommunityEventCommands.Rsvp(MEETUP, ADA))
                .whenTimeAdvancesTo(inAWeek.startsAt().minus(OFFSET))
                .expectDeadlinesMet(new Reminder(ADA, inAWeek.startsAt()))
                .expectEvents(new ReminderDue(MEETUP, ADA, inAWeek.startsAt()));
    }

    @Test
    void reschedulingMovesTheReminders() {
        var later =
                new Schedule(
                        inAWeek.startsAt().plus(Duration.ofDays(2)),
                        inAWeek.endsAt().plus(Duration.ofDays(2)),
                        "Europe/Amsterdam");
        fixture.givenCommands(
                        new CommunityEventCommands.Draft(MEETUP, OLIVIA_ACTS, DETAILS, inAWeek, 5),
                        new CommunityEventCommands.Publish(MEETUP, null, OLIVIA_ACTS),
                        new CommunityEventCommands.Rsvp(MEETUP, ADA))
                .when(new CommunityEventCommands.Reschedule(MEETUP, null, OLIVIA_ACTS, later))
                .expectEvents(new Rescheduled(MEETUP, later))
                .expectNoScheduledDeadlineWithName(
                        inAWeek.startsAt().minus(OFFSET), CommunityEvent.REMINDER)
                .expectScheduledDeadlineWithName(
                        later.startsAt().minus(OFFSET), CommunityEvent.REMINDER);
    }

    @Test
    void cancellingTheEventCancelsTheReminders() {
        fixture.givenCommands(
                        new CommunityEventCommands.Draft(MEETUP, OLIVIA_ACTS, DETAILS, inAWeek, 5),
                        new CommunityEventCommands.Publish(MEETUP, null, OLIVIA_ACTS),
                        new CommunityEventCommands.Rsvp(MEETUP, ADA))
                .when(new CommunityEventCommands.Cancel(MEETUP, null, OLIVIA_ACTS, "venue flooded"))
                .expectEvents(new Cancelled(MEETUP, "venue flooded"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aMemberWhoLeftIsNotReminded() {
        fixture.givenCommands(
                        new CommunityEventCommands.Draft(MEETUP, OLIVIA_ACTS, DETAILS, inAWeek, 5),
                        new CommunityEventCommands.Publish(MEETUP, null, OLIVIA_ACTS),
                        new CommunityEventCommands.Rsvp(MEETUP, ADA),
                        new CommunityEventCommands.CancelRsvp(MEETUP, ADA))
                .whenTimeAdvancesTo(inAWeek.startsAt().minus(OFFSET))
                .expectDeadlinesMet(new Reminder(ADA, inAWeek.startsAt()))
                .expectNoEvents();
    }

    private Drafted drafted(int capacity) {
        return new Drafted(MEETUP, OLIVIA, DETAILS, inAWeek, capacity);
    }

    private static org.hamcrest.Matcher<RuleViolation> violation(Kind kind) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation item) {
                return item.kind() == kind;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a rule violation " + kind);
            }
        };
    }

    private static UserId user(int n) {
        return new UserId(UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n)));
    }

    /** The fixture's own time, which moves when the test advances it. */
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
