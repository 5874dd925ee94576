package dev.aic.commandside.communityevent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The acceptance criterion of seats: 200 members RSVP at the same instant to an event with 50
 * seats. Exactly 50 get a seat and 150 wait, in one order that the HTTP answers and the event store
 * agree on; when 10 seat holders leave, exactly the first 10 waiting are promoted, in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("rawtypes")
class RsvpConcurrencyIT {

    private static final int MEMBERS = 200;
    private static final int SEATS = 50;
    private static final int CLIENTS = 50;
    private static final int LEAVING = 10;
    private static final int MAX_ATTEMPTS = 5;
    private static final String TYPE = "dev.aic.contracts.communityevent.CommunityEventEvent$";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    Api api;

    /** username to user id */
    final Map<String, String> members = new ConcurrentHashMap<>();

    @BeforeAll
    void registerMembersOnce() throws Exception {
        api = new Api(http);
        CommunityEventScenarios.register(api, "olivia");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> registrations = new ArrayList<>();
            for (int i = 1; i <= MEMBERS; i++) {
                String user = "rsvp-m%03d".formatted(i);
                registrations.add(
                        pool.submit(
                                () ->
                                        members.put(
                                                user,
                                                CommunityEventScenarios.register(api, user))));
            }
            for (Future<?> registration : registrations) {
                registration.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(members).hasSize(MEMBERS);
    }

    @RepeatedTest(10)
    void twoHundredMembersRsvpAtOnceForFiftySeats(RepetitionInfo repetition) throws Exception {
        String event = publishedEvent();
        Map<String, String> answers = new ConcurrentHashMap<>();
        AtomicInteger retries = new AtomicInteger();

        rsvpAllAtOnce(event, answers, retries);

        List<String> confirmed = membersIn(event, "RsvpConfirmed");
        List<String> waitlisted = membersIn(event, "RsvpWaitlisted");
        assertThat(confirmed).hasSize(SEATS).doesNotHaveDuplicates();
        assertThat(waitlisted)
                .hasSize(MEMBERS - SEATS)
                .doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(confirmed);
        assertThat(answers).hasSize(MEMBERS);
        assertThat(idsAnswered(answers, "CONFIRMED"))
                .containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(idsAnswered(answers, "WAITLISTED"))
                .containsExactlyInAnyOrderElementsOf(waitlisted);

        for (String leaving : confirmed.subList(0, LEAVING)) {
            String user = usernameOf(leaving);
            assertThat(
                            api.call(
                                            user,
                                            HttpMethod.DELETE,
                                            "/api/events/" + event + "/rsvp",
                                            null)
                                    .getStatusCode())
                    .isEqualTo(HttpStatus.OK);
        }
        assertThat(membersIn(event, "PromotedFromWaitingList"))
                .containsExactlyElementsOf(waitlisted.subList(0, LEAVING));
        System.out.printf(
                "RSVP repetition %d: %d members, %d seats, %d retried after 409%n",
                repetition.getCurrentRepetition(), MEMBERS, SEATS, retries.get());
    }

    private void rsvpAllAtOnce(String event, Map<String, String> answers, AtomicInteger retries)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> calls = new ArrayList<>();
            for (String user : members.keySet()) {
                calls.add(
                        clients.submit(
                                () -> {
                                    start.await();
                                    answers.put(user, rsvp(user, event, retries));
                                    return null;
                                }));
            }
            start.countDown();
            for (Future<Void> call : calls) {
                call.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** One member's RSVP; a 409 concurrent-modification means "retry", which a client does. */
    private String rsvp(String user, String event, AtomicInteger retries) {
        for (int attempt = 1; ; attempt++) {
            ResponseEntity<Map> response =
                    api.call(user, HttpMethod.POST, "/api/events/" + event + "/rsvp", null);
            boolean concurrent =
                    response.getStatusCode() == HttpStatus.CONFLICT
                            && "urn:aic:problem:concurrent-modification"
                                    .equals(response.getBody().get("type"));
            if (concurrent && attempt < MAX_ATTEMPTS) {
                retries.incrementAndGet();
                continue;
            }
            assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            return (String) response.getBody().get("status");
        }
    }

    private String publishedEvent() {
        Instant startsAt = Instant.now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.MINUTES);
        ResponseEntity<Map> drafted =
                api.call(
                        "olivia",
                        HttpMethod.POST,
                        "/api/events",
                        CommunityEventApiIT.draft(startsAt, SEATS));
        assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) drafted.getBody().get("id");
        assertThat(
                        api.call("olivia", HttpMethod.POST, "/api/events/" + id + "/publish", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return id;
    }

    /** The members named by this event's events of one type, in the order they were stored. */
    private List<String> membersIn(String event, String type) {
        return jdbc.queryForList(
                """
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'member' FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = ? ORDER BY sequencenumber""",
                String.class,
                event,
                TYPE + type);
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
}
