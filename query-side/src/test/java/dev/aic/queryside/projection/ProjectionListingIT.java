package dev.aic.queryside.projection;

import static dev.aic.queryside.ProjectionNames.AGENDAS;
import static dev.aic.queryside.ProjectionNames.ANALYTICS_COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.ANALYTICS_DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.ANALYTICS_MEMBERS;
import static dev.aic.queryside.ProjectionNames.ANALYTICS_RSVPS;
import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS_SEARCH;
import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENT_CHUNKS_SEARCH;
import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class ProjectionListingIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);
    private static final String ADMIN = "adam";
    private static final String PATH = "/api/admin/projections";

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired Serializer serializer;
    @Autowired MeterRegistry meters;

    @Test
    void everyProjectionIsListedWithItsKind() {
        AdminCalls.Reply listing = new AdminCalls(http).get(ADMIN, PATH);

        assertThat(listing.status()).isEqualTo(HttpStatus.OK);
        Map<String, String> kinds = new HashMap<>();
        listing.body()
                .forEach(
                        projection ->
                                kinds.put(
                                        projection.get("processor").asText(),
                                        projection.get("kind").asText()));
        System.out.println("[projections] kinds: " + kinds);
        assertThat(kinds)
                .isEqualTo(
                        Map.ofEntries(
                                Map.entry(USERS, "POSTGRESQL"),
                                Map.entry(USERS_SEARCH, "OPENSEARCH"),
                                Map.entry(COMMUNITY_EVENTS, "POSTGRESQL"),
                                Map.entry(COMMUNITY_EVENTS_SEARCH, "OPENSEARCH"),
                                Map.entry(AGENDAS, "POSTGRESQL"),
                                Map.entry(DOCUMENTS, "POSTGRESQL"),
                                Map.entry(DOCUMENT_CHUNKS_SEARCH, "OPENSEARCH"),
                                Map.entry(ANALYTICS_MEMBERS, "OPENSEARCH"),
                                Map.entry(ANALYTICS_COMMUNITY_EVENTS, "OPENSEARCH"),
                                Map.entry(ANALYTICS_RSVPS, "OPENSEARCH"),
                                Map.entry(ANALYTICS_DOCUMENTS, "OPENSEARCH")));
    }

    @Test
    void positionsLagAndDeadLettersAreThoseOfTheTokenStoreAndTheQueue() {
        AdminCalls api = new AdminCalls(http);
        UserEvents events = new UserEvents(eventStore, jdbc);
        String constraint =
                "listing_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.execute(
                "ALTER TABLE user_profile ADD CONSTRAINT "
                        + constraint
                        + " CHECK (display_name NOT LIKE 'Poison%') NOT VALID");
        StreamingEventProcessor search =
                processing
                        .eventProcessor(USERS_SEARCH, StreamingEventProcessor.class)
                        .orElseThrow();
        UserId parked = events.register("Gil");
        try {
            long poison =
                    events.publish(
                            new UserEvent.ProfileUpdated(
                                    parked, "Poison Gil", null, List.of(), null));
            await().atMost(PROJECTION_DEADLINE)
                    .until(
                            () ->
                                    caughtUp(api, USERS, poison)
                                            && caughtUp(api, USERS_SEARCH, poison));
            long searchPosition = tokenPosition(USERS_SEARCH);

            search.shutDown();
            UserId unseen = events.register("Hal");
            long head =
                    events.publish(
                            new UserEvent.ProfileUpdated(
                                    unseen, "Hal Waits", null, List.of(), null));
            await().atMost(PROJECTION_DEADLINE).until(() -> caughtUp(api, USERS, head));

            JsonNode users = projection(api, USERS);
            JsonNode stalled = projection(api, USERS_SEARCH);
            long parkedInUsers =
                    jdbc.queryForObject(
                            "SELECT count(*) FROM deadletterentry WHERE processinggroup = 'users'",
                            Long.class);
            System.out.printf(
                    "[projections] head %d; users %s; users-search %s; letters in users %d%n",
                    head, users, stalled, parkedInUsers);

            assertThat(users.get("status").asText()).isEqualTo("CAUGHT_UP");
            assertThat(users.get("position").asLong())
                    .isEqualTo(tokenPosition(USERS))
                    .isGreaterThanOrEqualTo(head);
            assertThat(users.get("lagEvents").asLong()).isZero();
            assertThat(users.get("lagSeconds").asLong()).isZero();
            assertThat(users.get("deadLetters").asLong()).isEqualTo(parkedInUsers).isPositive();
            assertThat(users.at("/segments/0/segment").asInt()).isZero();
            assertThat(users.at("/segments/0/owner").asText()).isNotEmpty();

            assertThat(stalled.get("status").asText()).isEqualTo("NOT_CLAIMED_HERE");
            assertThat(stalled.get("position").asLong())
                    .isEqualTo(searchPosition)
                    .isEqualTo(tokenPosition(USERS_SEARCH));
            assertThat(stalled.get("lagEvents").asLong())
                    .isEqualTo(storeHead() - searchPosition)
                    .isGreaterThanOrEqualTo(2);
            assertThat(stalled.get("lagSeconds").asLong()).isNotNegative();
            assertThat(stalled.get("deadLetters").asLong()).isZero();
            assertThat(
                            stalled.at("/segments/0/owner").isMissingNode()
                                    || stalled.at("/segments/0/owner").isNull())
                    .as("a processor shut down releases its claim")
                    .isTrue();

            // the gauges Prometheus scrapes (the test context exports to an in-memory registry, not
            // /actuator/prometheus)
            await().atMost(PROJECTION_DEADLINE)
                    .untilAsserted(
                            () -> {
                                assertThat(gauge("aic.projection.lag.events", USERS_SEARCH))
                                        .isEqualTo(storeHead() - searchPosition);
                                assertThat(gauge("aic.projection.dead.letters", USERS))
                                        .isEqualTo(parkedInUsers);
                                assertThat(gauge("aic.projection.lag.seconds", USERS)).isZero();
                            });
        } finally {
            search.start();
            jdbc.execute("ALTER TABLE user_profile DROP CONSTRAINT IF EXISTS " + constraint);
        }
        await().atMost(PROJECTION_DEADLINE).until(() -> caughtUp(api, USERS_SEARCH, storeHead()));
        assertThat(
                        api.call(
                                        ADMIN,
                                        HttpMethod.DELETE,
                                        PATH + "/users/dead-letters/sequences/" + parked)
                                .status())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(projection(api, USERS_SEARCH).get("lagEvents").asLong()).isZero();
    }

    @Test
    void onlyAdministratorsMayLookAndBadRequestsAreProblems() {
        AdminCalls api = new AdminCalls(http);

        AdminCalls.Reply member = api.get("alice", PATH);
        assertThat(member.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(member.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(api.call("alice", HttpMethod.POST, PATH + "/users/dead-letters/retry").status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get(null, PATH).status()).isEqualTo(HttpStatus.UNAUTHORIZED);

        AdminCalls.Reply unknown = api.get(ADMIN, PATH + "/no-such-processor/dead-letters");
        assertThat(unknown.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.body().get("type").asText()).isEqualTo("urn:aic:problem:not-found");
        assertThat(api.get(ADMIN, PATH + "/no-such-processor").status())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get(ADMIN, PATH + "/users/dead-letters/" + UUID.randomUUID()).status())
                .isEqualTo(HttpStatus.NOT_FOUND);

        for (String bad :
                List.of(
                        "/users/dead-letters?limit=0",
                        "/users/dead-letters?limit=501",
                        "/users/dead-letters?cursor=not-a-cursor",
                        "/users/dead-letters/not-a-letter-id")) {
            AdminCalls.Reply refused = api.get(ADMIN, PATH + bad);
            assertThat(refused.status()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.contentType()).as(bad).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private static boolean caughtUp(AdminCalls api, String processor, long position) {
        JsonNode projection = projection(api, processor);
        // no position yet: the processor has not processed an event since its tokens were made
        return "CAUGHT_UP".equals(projection.get("status").asText())
                && projection.path("position").asLong(-1) >= position;
    }

    private static JsonNode projection(AdminCalls api, String processor) {
        AdminCalls.Reply reply = api.get(ADMIN, PATH + "/" + processor);
        assertThat(reply.status()).isEqualTo(HttpStatus.OK);
        return reply.body();
    }

    /** The processor's position as the token store holds it (one segment). */
    private long tokenPosition(String processor) {
        return jdbc.query(
                        "SELECT token, tokentype FROM tokenentry WHERE processorname = ? AND segment = 0",
                        (row, n) ->
                                serializer
                                        .<byte[], TrackingToken>deserialize(
                                                new SimpleSerializedObject<>(
                                                        row.getBytes(1),
                                                        byte[].class,
                                                        row.getString(2),
                                                        null))
                                        .position()
                                        .orElseThrow(),
                        processor)
                .get(0);
    }

    private long storeHead() {
        return jdbc.queryForObject(
                "SELECT max(globalindex) FROM event_store.domainevententry", Long.class);
    }

    private double gauge(String name, String processor) {
        return meters.get(name).tag("processor", processor).gauge().value();
    }
}
