package dev.aic.queryside.consistency;

import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.UserEvents.consistencyToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.Api;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.testsupport.DevIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client that sends the Consistency-Token of its write reads that write, or is told to come back.
 */
@QuerySideIntegrationTest
class ReadYourWritesIT {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWritesIT.class);
    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    /** aic.consistency.max-wait of {@code QuerySideIntegrationTest}. */
    private static final Duration BOUND = Duration.ofMillis(500);

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @org.springframework.boot.test.web.server.LocalServerPort int port;
    @Autowired ReadModels readModels;
    @Autowired ConsistencyGate gate;
    @Autowired EventProcessingConfiguration processing;

    UserEvents events;
    Api api;

    @BeforeEach
    void connect() {
        events = new UserEvents(eventStore, jdbc);
        api = new Api(http);
    }

    @Test
    void aTokenForAJustPublishedChangeAnswersWithTheChange() {
        UserId id = events.register("Before");
        await().atMost(PROJECTION_DEADLINE)
                .until(() -> api.get("adam", "/api/users/" + id).getStatusCode() == HttpStatus.OK);

        List<Long> waits = new ArrayList<>();
        for (int round = 1; round <= 20; round++) {
            String name = "After " + round;
            long position =
                    events.publish(new UserEvent.ProfileUpdated(id, name, null, List.of(), null));
            long started = System.nanoTime();

            ResponseEntity<Map> read =
                    api.get("adam", "/api/users/" + id, consistencyToken(position));

            waits.add((System.nanoTime() - started) / 1_000_000);
            assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(read.getBody())
                    .containsEntry("displayName", name)
                    .containsEntry("version", round);
            assertThat(read.getHeaders().getETag()).isEqualTo("\"" + round + "\"");
        }
        long reached = events.head();
        List<Long> withReachedToken =
                timed(() -> api.get("adam", "/api/users/" + id, consistencyToken(reached)));
        List<Long> withoutToken = timed(() -> api.get("adam", "/api/users/" + id));
        log.info(
                "Read-your-writes, ms from publish to the answer with the change: median {}, max {};"
                        + " same read, token already reached: median {}; without token: median {}",
                median(waits),
                Collections.max(waits),
                median(withReachedToken),
                median(withoutToken));
    }

    @Test
    void aSearchWithATokenFindsAJustRegisteredUser() {
        String unique = "Rw" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        UserId id = new UserId(UUID.randomUUID());
        long position =
                events.publish(
                        new UserEvent.Registered(id, UserEvents.emailOf(id), unique + " Searched"));

        ResponseEntity<Map> found =
                api.get("alice", "/api/users?q=" + unique, consistencyToken(position));

        assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<?>) found.getBody().get("items"))
                .singleElement()
                .satisfies(
                        item ->
                                assertThat((Map<Object, Object>) item)
                                        .containsEntry("id", id.toString()));
    }

    @Test
    void someoneWhoJustRegisteredReadsThemselvesInFull() {
        String username = UserEvents.newUsername();
        UserId id = events.register("Just Registered");
        long linked =
                events.publish(
                        new UserEvent.IdentityLinked(
                                id, DevIdentity.start().issuerUri(), username));

        ResponseEntity<Map> me = api.get(username, "/api/me", consistencyToken(linked));
        ResponseEntity<Map> byId = api.get(username, "/api/users/" + id, consistencyToken(linked));

        assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(me.getBody())
                .containsEntry("id", id.toString())
                .containsEntry("email", UserEvents.emailOf(id));
        // the caller was looked up again after the wait, so they are recognised as the user
        // themself
        assertThat(byId.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(byId.getBody())
                .containsEntry("email", UserEvents.emailOf(id))
                .containsEntry("version", 1);
    }

    @Test
    void aTokenPastTheStoresHeadIsAnsweredAtOnceToComeBackLater() {
        UserId id = events.register("Patient");
        await().atMost(PROJECTION_DEADLINE)
                .until(() -> api.get("adam", "/api/users/" + id).getStatusCode() == HttpStatus.OK);
        long beyond = events.head() + 1_000_000;

        for (String path :
                List.of("/api/users/" + id, "/api/me", "/api/users", "/api/users?q=patient")) {
            long started = System.nanoTime();
            ResponseEntity<Map> response = api.get("adam", path, consistencyToken(beyond));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .as(path)
                    .isEqualTo("1");
            assertThat(response.getHeaders().getContentType())
                    .as(path)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody())
                    .as(path)
                    .containsEntry("type", "urn:aic:problem:not-yet-consistent")
                    .containsEntry("status", 202)
                    .containsEntry("consistencyToken", Long.toString(beyond));
            assertThat(waited).as(path).isLessThan(BOUND);
        }
    }

    @Test
    void aCallerTheEndpointRefusesIsRefusedBeforeAnyWaitAndLearnsNothingOfTheHead() {
        String roleless = "newbie-" + UUID.randomUUID().toString().substring(0, 8);
        DevIdentity.start().accessToken(roleless);
        for (long token : List.of(events.head(), events.head() + 1_000_000)) {
            long started = System.nanoTime();
            ResponseEntity<Map> response = api.get(roleless, "/api/users", consistencyToken(token));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(waited).isLessThan(BOUND);
        }
    }

    @Test
    void waitingRequestsHoldNoRequestThreadAndEachCallerHasOnlyAFewWaiting() throws Exception {
        Set<String> processors = readModels.processorsOf(Set.of(USERS));
        processors.forEach(
                name -> processing.eventProcessor(name).orElseThrow().shutdownAsync().join());
        int requests = 16;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            long unreached =
                    events.publish(
                            new UserEvent.Registered(
                                    new UserId(UUID.randomUUID()),
                                    UserEvents.emailOf(new UserId(UUID.randomUUID())),
                                    "Unreached"));
            // the JDK's client, which does not retry a 429 by itself as the test's HTTP client does
            HttpClient client = HttpClient.newHttpClient();
            var request =
                    java.net.http.HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/users"))
                            .header(
                                    HttpHeaders.AUTHORIZATION,
                                    "Bearer " + DevIdentity.start().accessToken("alice"))
                            .header("Consistency-Token", Long.toString(unreached))
                            .build();
            CyclicBarrier together = new CyclicBarrier(requests);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(
                        clients.submit(
                                () -> {
                                    together.await();
                                    return client.send(
                                                    request, HttpResponse.BodyHandlers.discarding())
                                            .statusCode();
                                }));
            }
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> gate.waiting() > 0);

            // before, each waiting request blocked a request thread of its own on the gate's future
            assertThat(Thread.getAllStackTraces().values())
                    .noneMatch(
                            stack ->
                                    Arrays.stream(stack)
                                                    .anyMatch(
                                                            frame ->
                                                                    frame.getClassName()
                                                                            .startsWith(
                                                                                    ReadModelInterceptor
                                                                                            .class
                                                                                            .getName()))
                                            && Arrays.stream(stack)
                                                    .anyMatch(
                                                            frame ->
                                                                    frame.getClassName()
                                                                                    .equals(
                                                                                            CompletableFuture
                                                                                                    .class
                                                                                                    .getName())
                                                                            && frame.getMethodName()
                                                                                    .endsWith(
                                                                                            "Get")));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(10, TimeUnit.SECONDS));
            }
            // at most eight of one caller's requests wait; the others are told at once to come back
            assertThat(statuses).containsOnly(202, 429);
            assertThat(statuses).filteredOn(status -> status == 202).hasSizeBetween(1, 8);
        } finally {
            clients.shutdownNow();
            processors.forEach(name -> processing.eventProcessor(name).orElseThrow().start());
        }
    }

    @Test
    void aMalformedTokenIsAValidationProblem() {
        for (String token : List.of("abc", "-1", "1.5", "0x10", "99999999999999999999")) {
            ResponseEntity<Map> response =
                    api.get("alice", "/api/users", Map.of("Consistency-Token", token));

            assertThat(response.getStatusCode()).as(token).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody())
                    .as(token)
                    .containsEntry("type", "urn:aic:problem:validation");
            assertThat((List<?>) response.getBody().get("errors"))
                    .as(token)
                    .anySatisfy(
                            error ->
                                    assertThat((Map<Object, Object>) error)
                                            .containsEntry("field", "Consistency-Token"));
        }
    }

    private static List<Long> timed(Runnable read) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            read.run();
            millis.add((System.nanoTime() - started) / 1_000_000);
        }
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
