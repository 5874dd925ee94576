package dev.aic.systemtests;

import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seat race of the acceptance criterion, over the real platform and read back from
 * where users read it: 200 members RSVP at the same instant for 50 seats, ten seat holders leave,
 * and the query-side (attendees, stats, the listing and the OpenSearch document behind {@code ?q=})
 * agrees with the event store on who sits and who waits, in which order — ten times in one run.
 * Then the query-side is stopped, its community-event processors are rewound so that every one of
 * those events is delivered again, and after it caught up every read model is exactly what it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RsvpReadModelsIT {

    private static final int MEMBERS = 200;
    private static final int SEATS = 50;
    private static final int LEAVING = 10;
    private static final int REPETITIONS = 10;
    private static final int MAX_ATTEMPTS = 5;
    private static final Duration READ_DEADLINE = Duration.ofSeconds(30);
    private static final Duration RSVP_TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient RACERS =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> PROCESSORS =
            List.of(COMMUNITY_EVENTS, COMMUNITY_EVENTS_SEARCH);
    private static final String TYPE = "dev.aic.contracts.communityevent.CommunityEventEvent$";

    private static final Platform PLATFORM = Platform.shared();

    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    /** username to user id */
    private final Map<String, String> members = new ConcurrentHashMap<>();

    private final List<Race> races = new ArrayList<>();
    private String olivia;

    /**
     * One repetition's event, the word that finds it, and its read models as they were after the
     * race.
     */
    private record Race(String event, String word, ReadModels readModels) {}

    /** Everything the query-side shows about one event's seats. */
    private record ReadModels(
            JsonNode event,
            JsonNode attendees,
            JsonNode stats,
            JsonNode searchHits,
            JsonNode document,
            long documentVersion) {}

    @BeforeAll
    void registerMembersOnce() throws Exception {
        olivia = PLATFORM.token("olivia");
        Http.Reply organiser =
                Http.to(PLATFORM.commandSide().url("/api/me")).bearer(olivia).post("{}");
        assertThat(organiser.status()).as(organiser.toString()).isIn(201, 409);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> registrations = new ArrayList<>();
            for (int i = 1; i <= MEMBERS; i++) {
                String username = "seat-%s-%03d".formatted(runId, i);
                registrations.add(
                        pool.submit(
                                () -> {
                                    Http.Reply registered =
                                            Http.to(PLATFORM.commandSide().url("/api/me"))
                                                    .bearer(PLATFORM.token(username))
                                                    .post("{}");
                                    assertThat(registered.status())
                                            .as(registered.toString())
                                            .isEqualTo(201);
                                    members.put(username, registered.json().get("id").asText());
                                }));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(members).hasSize(MEMBERS);
    }

    @Order(1)
    @RepeatedTest(REPETITIONS)
    void twoHundredSimultaneousRsvpsForFiftySeatsLeaveConsistentReadModels(
            RepetitionInfo repetition) throws Exception {
        String word = "seatrace" + runId + "r" + repetition.getCurrentRepetition();
        String event = publishedEvent("Seat race " + word);

        long started = System.nanoTime();
        AtomicInteger retries = new AtomicInteger();
        Map<String, String> answers = rsvpAllAtOnce(event, retries);
        long rsvped = System.nanoTime();
        List<String> confirmed = membersIn(event, "RsvpConfirmed");
        List<String> waitlisted = membersIn(event, "RsvpWaitlisted");
        String consistencyToken = null;
        for (String leaving : confirmed.subList(0, Math.min(LEAVING, confirmed.size()))) {
            Http.Reply cancelled =
                    Http.to(PLATFORM.commandSide().url("/api/events/" + event + "/rsvp"))
                            .bearer(PLATFORM.token(usernameOf(leaving)))
                            .sendJson("DELETE", null);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            consistencyToken = cancelled.header("Consistency-Token").orElseThrow();
        }

        // the event store: exactly 50 seats, 150 waiting in one order, the first ten of them
        // promoted
        assertThat(confirmed).hasSize(SEATS).doesNotHaveDuplicates();
        assertThat(waitlisted)
                .hasSize(MEMBERS - SEATS)
                .doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(confirmed);
        assertThat(idsAnswered(answers, "CONFIRMED"))
                .containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(idsAnswered(answers, "WAITLISTED"))
                .containsExactlyInAnyOrderElementsOf(waitlisted);
        assertThat(membersIn(event, "RsvpCancelled"))
                .containsExactlyElementsOf(confirmed.subList(0, LEAVING));
        List<String> promoted = membersIn(event, "PromotedFromWaitingList");
        assertThat(promoted).containsExactlyElementsOf(waitlisted.subList(0, LEAVING));
        List<String> seated = new ArrayList<>(confirmed.subList(LEAVING, SEATS));
        seated.addAll(promoted);
        List<String> waiting = waitlisted.subList(LEAVING, waitlisted.size());
        long version = lastSequenceNumber(event);

        long cancelledAt = System.nanoTime();

        // the query-side, read with the last cancellation's consistency token
        ReadModels read = readModels(event, word, consistencyToken);
        long readAt = System.nanoTime();
        assertThat(userIds(read.attendees().get("confirmed")))
                .as("seat holders in the order they got a seat")
                .containsExactlyElementsOf(seated);
        assertThat(userIds(read.attendees().get("waiting")))
                .as("the waiting list in the event store's order")
                .containsExactlyElementsOf(waiting);
        assertThat(read.attendees().findValues("checkedIn"))
                .allSatisfy(checkedIn -> assertThat(checkedIn.asBoolean()).isFalse());
        assertThat(
                        figures(
                                read.stats(),
                                "rsvps",
                                "everWaitlisted",
                                "confirmed",
                                "waiting",
                                "cancelled",
                                "checkedIn"))
                .containsExactly(
                        MEMBERS, MEMBERS - SEATS, SEATS, MEMBERS - SEATS - LEAVING, LEAVING, 0);
        assertSeats(read.event(), version);
        assertThat(read.searchHits()).as("?q=%s&hasSeats=false", word).hasSize(1);
        assertSeats(read.searchHits().get(0), version);
        assertThat(figures(read.document(), "capacity", "confirmed", "waiting", "seatsLeft"))
                .as("OpenSearch document %s", read.document())
                .containsExactly(SEATS, SEATS, MEMBERS - SEATS - LEAVING, 0);
        assertThat(read.document().get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(read.documentVersion())
                .as("external version: last sequence number + 1")
                .isEqualTo(version + 1);
        assertThat(search(word, true, consistencyToken)).as("?q=%s&hasSeats=true", word).isEmpty();

        synchronized (races) {
            races.add(new Race(event, word, read));
        }
        System.out.printf(
                "Seat race %d: %d RSVPs in %d ms (%d retried after 409) -> %d seats, %d waiting;"
                        + " %d left in %d ms, %d promoted; read models read in %d ms and agree%n",
                repetition.getCurrentRepetition(),
                MEMBERS,
                millis(started, rsvped),
                retries.get(),
                confirmed.size(),
                waitlisted.size(),
                LEAVING,
                millis(rsvped, cancelledAt),
                promoted.size(),
                millis(cancelledAt, readAt));
    }

    @Order(2)
    @Test
    void redeliveringTheCommunityEventsChangesNoReadModel() throws Exception {
        assertThat(races.size()).as("seat races run before").isEqualTo(REPETITIONS);
        long firstOfTheRaces =
                races.stream()
                        .mapToLong(race -> firstGlobalIndex(race.event()))
                        .min()
                        .orElseThrow();
        long rewoundTo = firstOfTheRaces - 1;

        long stopped = System.nanoTime();
        PLATFORM.restartQuerySide(
                () -> PROCESSORS.forEach(processor -> rewind(processor, rewoundTo)));
        long restarted = System.nanoTime();
        long head = scalar("SELECT max(globalindex) FROM event_store.domainevententry");
        await("the query-side's community-event processors process everything again up to " + head)
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                PROCESSORS.stream()
                                        .allMatch(processor -> tokenIndex(processor) >= head));
        long caughtUp = System.nanoTime();

        for (Race race : races) {
            ReadModels before = race.readModels();
            ReadModels again = readModels(race.event(), race.word(), null);
            String event = race.event();
            assertThat(again.attendees())
                    .as("attendees of %s, in order, after redelivery", event)
                    .isEqualTo(before.attendees());
            assertThat(again.stats())
                    .as("stats of %s after redelivery", event)
                    .isEqualTo(before.stats());
            assertThat(again.event()).as("%s after redelivery", event).isEqualTo(before.event());
            assertThat(again.searchHits())
                    .as("?q=%s after redelivery", race.word())
                    .isEqualTo(before.searchHits());
            assertThat(again.document())
                    .as("OpenSearch document of %s after redelivery", event)
                    .isEqualTo(before.document());
            assertThat(again.documentVersion())
                    .as("OpenSearch version of %s after redelivery", event)
                    .isEqualTo(before.documentVersion());
        }
        System.out.printf(
                "Redelivery: tokens of %s rewound from %d to %d; query-side restarted in %d ms, caught up"
                        + " %d ms later; the read models of %d events unchanged%n",
                PROCESSORS,
                head,
                rewoundTo,
                millis(stopped, restarted),
                millis(restarted, caughtUp),
                races.size());
    }

    // ---------------------------------------------------------------- the platform, as users reach
    // it

    private String publishedEvent(String title) {
        Instant startsAt = Instant.now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MINUTES);
        String draft =
                Http.JSON
                        .createObjectNode()
                        .put("title", title)
                        .put("startsAt", startsAt.toString())
                        .put("endsAt", startsAt.plus(Duration.ofHours(2)).toString())
                        .put("timeZone", "Europe/Amsterdam")
                        .put("venue", "Hall 1")
                        .put("capacity", SEATS)
                        .put("visibility", "PUBLIC")
                        .toString();
        Http.Reply drafted =
                Http.to(PLATFORM.commandSide().url("/api/events")).bearer(olivia).post(draft);
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String event = drafted.json().get("id").asText();
        Http.Reply published =
                Http.to(PLATFORM.commandSide().url("/api/events/" + event + "/publish"))
                        .bearer(olivia)
                        .sendJson("POST", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return event;
    }

    /** Every member RSVPs at the same instant, one thread each; the answers by username. */
    private Map<String, String> rsvpAllAtOnce(String event, AtomicInteger retries)
            throws Exception {
        Map<String, String> answers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(MEMBERS);
        CountDownLatch ready = new CountDownLatch(MEMBERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (String username : members.keySet()) {
                calls.add(
                        clients.submit(
                                () -> {
                                    ready.countDown();
                                    start.await();
                                    answers.put(username, rsvp(username, event, retries));
                                    return null;
                                }));
            }
            ready.await();
            start.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return answers;
    }

    /**
     * One member's RSVP; a 409 {@code concurrent-modification} means "retry", which a client does.
     * The command-side takes the RSVPs of one event one at a time, so the last of 200 waits for the
     * 199 before it: longer than {@link Http}'s 30 s on a loaded 2-core machine.
     */
    private String rsvp(String username, String event, AtomicInteger retries) throws Exception {
        var request =
                HttpRequest.newBuilder(PLATFORM.commandSide().url("/api/events/" + event + "/rsvp"))
                        .timeout(RSVP_TIMEOUT)
                        .header("Authorization", "Bearer " + PLATFORM.token(username))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> reply = RACERS.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = Http.JSON.readTree(reply.body());
            if (reply.statusCode() == 409
                    && attempt < MAX_ATTEMPTS
                    && "urn:aic:problem:concurrent-modification"
                            .equals(body.path("type").asText())) {
                retries.incrementAndGet();
                continue;
            }
            assertThat(reply.statusCode())
                    .as("RSVP of %s: %s", username, reply.body())
                    .isEqualTo(200);
            return body.get("status").asText();
        }
    }

    /**
     * What the query-side shows, read as the organiser; with a consistency token, read-your-writes.
     */
    private ReadModels readModels(String event, String word, String consistencyToken) {
        JsonNode view = read("/api/events/" + event, consistencyToken);
        JsonNode attendees = read("/api/events/" + event + "/attendees", consistencyToken);
        JsonNode stats = read("/api/events/" + event + "/stats", consistencyToken);
        JsonNode hits = search(word, false, consistencyToken);
        Http.Reply indexed =
                Platform.openSearch(
                                PLATFORM.setting("AIC_OPENSEARCH_INDEX_PREFIX")
                                        + "community-events/_doc/"
                                        + event)
                        .get();
        assertThat(indexed.status()).as(indexed.toString()).isEqualTo(200);
        return new ReadModels(
                view,
                attendees,
                stats,
                hits,
                indexed.json().get("_source"),
                indexed.json().get("_version").asLong());
    }

    private JsonNode search(String word, boolean hasSeats, String consistencyToken) {
        return read("/api/events?q=" + word + "&hasSeats=" + hasSeats, consistencyToken)
                .get("items");
    }

    /**
     * A 200 answer; a 202 {@code not-yet-consistent} is asked again, as its {@code Retry-After}
     * says.
     */
    private JsonNode read(String path, String consistencyToken) {
        Http.Reply reply =
                await(path)
                        .atMost(READ_DEADLINE)
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> {
                                    Http request =
                                            Http.to(PLATFORM.querySide().url(path)).bearer(olivia);
                                    if (consistencyToken != null) {
                                        request.header("Consistency-Token", consistencyToken);
                                    }
                                    return request.get();
                                },
                                answer -> answer.status() != 202);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static void assertSeats(JsonNode view, long version) {
        assertThat(figures(view, "capacity", "confirmed", "waiting", "checkedIn", "seatsLeft"))
                .as(view.toString())
                .containsExactly(SEATS, SEATS, MEMBERS - SEATS - LEAVING, 0, 0);
        assertThat(view.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(view.get("version").asLong())
                .as("version: the aggregate's last sequence number")
                .isEqualTo(version);
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static List<Integer> figures(JsonNode node, String... fields) {
        return Stream.of(fields).map(field -> node.path(field).asInt(-1)).toList();
    }

    private static List<String> userIds(JsonNode attendees) {
        List<String> ids = new ArrayList<>();
        attendees.forEach(attendee -> ids.add(attendee.get("userId").asText()));
        return ids;
    }

    private List<String> idsAnswered(Map<String, String> answers, String status) {
        return answers.entrySet().stream()
                .filter(answer -> answer.getValue().equals(status))
                .map(answer -> members.get(answer.getKey()))
                .toList();
    }

    private String usernameOf(String userId) {
        return members.entrySet().stream()
                .filter(member -> member.getValue().equals(userId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    // ---------------------------------------------------------------- the event store and the
    // token store

    /** The members named by this event's events of one type, in the order they were stored. */
    private static List<String> membersIn(String event, String type) throws SQLException {
        try (var connection = PLATFORM.database();
                var statement =
                        connection.prepareStatement(
                                """
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'member' FROM event_store.domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY sequencenumber""")) {
            statement.setString(1, event);
            statement.setString(2, TYPE + type);
            List<String> found = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }

    private static long lastSequenceNumber(String event) {
        return scalar(
                "SELECT max(sequencenumber) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                event);
    }

    private static long firstGlobalIndex(String event) {
        return scalar(
                "SELECT min(globalindex) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                event);
    }

    /**
     * Where a processor's (single-segment) token stands: Axon's JDBC token store keeps a {@code
     * GapAwareTrackingToken} serialized as JSON, {@code {"index":…,"gaps":[…]}}.
     */
    private static long tokenIndex(String processor) {
        return scalar(
                """
                SELECT min((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint) FROM query.tokenentry
                WHERE processorname = ?""",
                processor);
    }

    /**
     * Moves a stopped processor's token back to just after {@code index}, without gaps, so that it
     * handles every later event again as if it had never seen it: a redelivery, not a replay (no
     * reset handler runs).
     */
    private static void rewind(String processor, long index) {
        try (var connection = PLATFORM.database();
                var statement =
                        connection.prepareStatement(
                                """
                UPDATE query.tokenentry SET owner = NULL, token = convert_to(jsonb_set(jsonb_set(
                    convert_from(token, 'UTF8')::jsonb, '{index}', to_jsonb(?::bigint)), '{gaps}', '[]'::jsonb)::text,
                    'UTF8')
                WHERE processorname = ? AND tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken'""")) {
            statement.setLong(1, index);
            statement.setString(2, processor);
            assertThat(statement.executeUpdate())
                    .as("gap-aware tokens of %s rewound", processor)
                    .isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot rewind " + processor, e);
        }
    }

    private static long scalar(String sql, String... parameters) {
        try (var connection = PLATFORM.database();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot query " + sql, e);
        }
    }
}
