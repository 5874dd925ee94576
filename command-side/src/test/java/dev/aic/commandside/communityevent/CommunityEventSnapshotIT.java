package dev.aic.commandside.communityevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.communityevent.RuleViolation.Kind;
import dev.aic.commandside.web.Commands;
import dev.aic.contracts.communityevent.CommunityEventEvent.CapacityChanged;
import dev.aic.contracts.communityevent.CommunityEventEvent.PromotedFromWaitingList;
import dev.aic.contracts.communityevent.CommunityEventEvent.ReminderDue;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpCancelled;
import dev.aic.contracts.communityevent.CommunityEventEvent.RsvpWaitlisted;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.RsvpState;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.RealInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * A community event loaded from a snapshot decides exactly as one rebuilt from its whole history
 * would: the seats, the waiting list in its order, the check-ins, the reminders already sent, the
 * organisers, the capacity, the details and the schedule all survive the snapshot. With a threshold
 * of 2 nearly every load takes a snapshot, so each command below starts from one written after the
 * command before it. Commands go through {@link Commands}, as they do from the REST API: in its
 * transaction, under the event's lock.
 */
@SpringBootTest(
        properties = {
            "aic.community-events.snapshot-threshold=2",
            "aic.community-events.reminder-offset=PT1H",
            "aic.deadlines.polling-interval=PT0.5S"
        })
@ContextConfiguration(initializers = RealInfrastructure.class)
class CommunityEventSnapshotIT {

    private static final Duration OFFSET = Duration.ofHours(1);

    /** Long enough to take the seats before the reminders fall due, even on a busy machine. */
    private static final Duration REMINDERS_DUE_AFTER = Duration.ofSeconds(15);

    private static final Details DETAILS =
            new Details(
                    "Snapshot night",
                    "Events, folded",
                    "Room 1",
                    null,
                    List.of("axon"),
                    Visibility.MEMBERS);

    @Autowired Commands commands;
    @Autowired EventStore eventStore;
    @Autowired DeadlineManager deadlines;

    /**
     * Axon's general serializer, the one its JDBC storage engine writes and reads snapshots with.
     */
    @Autowired Serializer snapshotSerializer;

    @Autowired ObjectMapper json;
    @Autowired JdbcTemplate jdbc;

    private final CommunityEventId event = new CommunityEventId(UUID.randomUUID());
    private final Actor organizer = new Actor(user(), false);
    private final Actor coOrganizer = new Actor(user(), false);
    private final UserId stranger = user();
    private final List<UserId> seatHolders = inAnOrderAHashSetDoesNotKeep();
    private final List<UserId> waiting = List.of(user(), user(), user());

    @Test
    void anEventLoadedFromItsSnapshotDecidesAsItsWholeHistoryWould() {
        Schedule schedule = givenAnEventWithSeatsTakenAWaitingListCheckInsAndRemindersSent();
        long snapshot = aSnapshotCoversTheWholeHistory();
        theSnapshotHoldsTheWholeStateInOrder(snapshot);

        UserId first = seatHolders.get(0);
        UserId second = seatHolders.get(1);
        UserId third = seatHolders.get(2);
        // what it already knows it answers without a new event
        assertThat(rsvp(second)).isEqualTo(RsvpState.CONFIRMED);
        assertThat(rsvp(waiting.get(1))).isEqualTo(RsvpState.WAITLISTED);
        send(new CommunityEventCommands.CheckIn(event, organizer, first));
        send(new CommunityEventCommands.ChangeDetails(event, null, organizer, DETAILS));
        send(new CommunityEventCommands.Reschedule(event, null, organizer, schedule));
        send(new CommunityEventCommands.ChangeCapacity(event, null, coOrganizer, 3));
        // the event is still full, and a newcomer queues behind the three waiting
        assertThat(rsvp(stranger)).isEqualTo(RsvpState.WAITLISTED);
        // its rules still see who holds a seat and who organises
        refused(
                new CommunityEventCommands.CheckIn(event, organizer, waiting.get(0)),
                Kind.NOT_ATTENDING);
        refused(
                new CommunityEventCommands.ChangeCapacity(event, null, organizer, 2),
                Kind.CAPACITY_BELOW_ATTENDANCE);
        refused(
                new CommunityEventCommands.ChangeCapacity(
                        event, null, new Actor(stranger, false), 9),
                Kind.NOT_AN_ORGANIZER);
        // freed seats go to the waiting list, first come first served
        send(new CommunityEventCommands.CancelRsvp(event, second));
        send(new CommunityEventCommands.CancelRsvp(event, waiting.get(2)));
        send(new CommunityEventCommands.CancelRsvp(event, first));
        refused(new CommunityEventCommands.CheckIn(event, coOrganizer, first), Kind.NOT_ATTENDING);
        send(new CommunityEventCommands.ChangeCapacity(event, null, coOrganizer, 4));
        // a reminder delivered again is not sent twice; a promoted member's first one is
        remindAgain(third, schedule);
        remindAgain(waiting.get(0), schedule);

        assertThat(eventsAfter(snapshot))
                .containsExactly(
                        new RsvpWaitlisted(event, stranger),
                        new RsvpCancelled(event, second, RsvpState.CONFIRMED),
                        new PromotedFromWaitingList(event, waiting.get(0)),
                        new RsvpCancelled(event, waiting.get(2), RsvpState.WAITLISTED),
                        new RsvpCancelled(event, first, RsvpState.CONFIRMED),
                        new PromotedFromWaitingList(event, waiting.get(1)),
                        new CapacityChanged(event, 4),
                        new PromotedFromWaitingList(event, stranger),
                        new ReminderDue(event, waiting.get(0), schedule.startsAt()));
    }

    private Schedule givenAnEventWithSeatsTakenAWaitingListCheckInsAndRemindersSent() {
        Instant startsAt =
                Instant.now()
                        .plus(OFFSET)
                        .plus(REMINDERS_DUE_AFTER)
                        .truncatedTo(ChronoUnit.SECONDS);
        Schedule schedule = new Schedule(startsAt, startsAt.plus(Duration.ofHours(2)), "UTC");
        send(new CommunityEventCommands.Draft(event, organizer, DETAILS, schedule, 3));
        send(new CommunityEventCommands.Publish(event, null, organizer));
        send(new CommunityEventCommands.AddCoOrganizer(event, null, organizer, coOrganizer.user()));
        seatHolders.forEach(member -> assertThat(rsvp(member)).isEqualTo(RsvpState.CONFIRMED));
        waiting.forEach(member -> assertThat(rsvp(member)).isEqualTo(RsvpState.WAITLISTED));
        send(new CommunityEventCommands.CheckIn(event, coOrganizer, seatHolders.get(0)));
        send(new CommunityEventCommands.CheckIn(event, organizer, seatHolders.get(1)));
        assertThat(Instant.now())
                .as("the seats were taken before their reminders fell due")
                .isBefore(startsAt.minus(OFFSET));
        await().atMost(REMINDERS_DUE_AFTER.plusSeconds(30))
                .until(
                        () ->
                                eventsAfter(-1).stream()
                                                .filter(ReminderDue.class::isInstance)
                                                .count()
                                        == 3);
        return schedule;
    }

    /**
     * Waits for a snapshot at the last event. A snapshot is taken on its own thread and may miss
     * the events of the command that triggered it, so each attempt loads the event again with an
     * RSVP it already has: the load reads the snapshot and the events after it, and that takes a
     * new one.
     */
    private long aSnapshotCoversTheWholeHistory() {
        long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        event.toString());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            if (snapshotRow()
                                    .map(row -> (Long) row.get("sequencenumber"))
                                    .filter(seq -> seq == last)
                                    .isPresent()) {
                                return true;
                            }
                            rsvp(seatHolders.get(0));
                            return false;
                        });
        return last;
    }

    /**
     * The stored snapshot, read back the way the event store reads it, keeps every field and both
     * orders.
     */
    private void theSnapshotHoldsTheWholeStateInOrder(long sequence) {
        Map<String, Object> row = snapshotRow().orElseThrow();
        assertThat(row.get("sequencenumber")).isEqualTo(sequence);
        assertThat(row.get("payloadtype")).isEqualTo(CommunityEvent.class.getName());
        assertThat(row.get("payloadrevision")).isEqualTo("2");
        byte[] payload = (byte[]) row.get("payload");
        JsonNode stored = read(payload);
        assertThat(stored.get("id").asText()).isEqualTo(event.toString());
        assertThat(stored.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(stored.get("capacity").asInt()).isEqualTo(3);
        assertThat(ids(stored.get("organizers")))
                .containsExactlyInAnyOrder(organizer.user(), coOrganizer.user());
        assertThat(ids(stored.get("confirmed"))).containsExactlyElementsOf(seatHolders);
        assertThat(ids(stored.get("waiting"))).containsExactlyElementsOf(waiting);
        assertThat(ids(stored.get("checkedIn")))
                .containsExactlyInAnyOrder(seatHolders.get(0), seatHolders.get(1));
        assertThat(stored.get("reminded")).hasSize(3);
        assertThat(stored.get("details").get("title").asText()).isEqualTo(DETAILS.title());
        assertThat(stored.get("schedule")).isNotNull();

        Object restored =
                snapshotSerializer.deserialize(
                        new SimpleSerializedObject<>(
                                payload, byte[].class, CommunityEvent.class.getName(), "1"));
        JsonNode again = read(snapshotSerializer.serialize(restored, byte[].class).getData());
        assertThat(ids(again.get("confirmed")))
                .as("seats in RSVP order")
                .containsExactlyElementsOf(seatHolders);
        assertThat(ids(again.get("waiting")))
                .as("the waiting list in its order")
                .containsExactlyElementsOf(waiting);
        assertThat(again.get("reminded"))
                .containsExactlyInAnyOrderElementsOf(stored.get("reminded"));
        assertThat(again.get("checkedIn"))
                .containsExactlyInAnyOrderElementsOf(stored.get("checkedIn"));
        assertThat(again.get("details")).isEqualTo(stored.get("details"));
        assertThat(again.get("schedule")).isEqualTo(stored.get("schedule"));
    }

    /**
     * Delivers the member's reminder for the start once more, as db-scheduler does after a crash,
     * and waits until it has run.
     */
    private void remindAgain(UserId member, Schedule schedule) {
        String deadline =
                deadlines.schedule(
                        Instant.now(),
                        CommunityEvent.REMINDER,
                        new Reminder(member, schedule.startsAt()),
                        new AggregateScopeDescriptor("CommunityEvent", event.toString()));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.queryForObject(
                                                "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline' AND task_instance = ?",
                                                Long.class,
                                                deadline)
                                        == 0);
    }

    private RsvpState rsvp(UserId member) {
        return commands.<RsvpState>ask(new CommunityEventCommands.Rsvp(event, member), event)
                .result();
    }

    private void send(Object command) {
        commands.send(command, event);
    }

    private void refused(Object command, Kind kind) {
        assertThatThrownBy(() -> send(command))
                .isInstanceOfSatisfying(
                        RuleViolation.class,
                        violation -> assertThat(violation.kind()).isEqualTo(kind));
    }

    private Optional<Map<String, Object>> snapshotRow() {
        return jdbc
                .queryForList(
                        """
                SELECT sequencenumber, payloadtype, payloadrevision, payload FROM snapshotevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1""",
                        event.toString())
                .stream()
                .findFirst();
    }

    /**
     * The payloads of this event's events after the sequence number, read from the events
     * themselves.
     */
    private List<Object> eventsAfter(long sequence) {
        return eventStore
                .readEvents(event.toString(), sequence + 1)
                .asStream()
                .map(Message::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<UserId> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(id -> new UserId(UUID.fromString(id.asText())))
                .toList();
    }

    /**
     * Three members in the reverse of a HashSet's order: a snapshot that lost the seats' order
     * shows it.
     */
    private static List<UserId> inAnOrderAHashSetDoesNotKeep() {
        List<UserId> members = new ArrayList<>(new HashSet<>(Set.of(user(), user(), user())));
        Collections.reverse(members);
        return List.copyOf(members);
    }

    private static UserId user() {
        return new UserId(UUID.randomUUID());
    }
}
