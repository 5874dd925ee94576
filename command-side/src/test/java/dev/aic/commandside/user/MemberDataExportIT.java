package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.Api;
import dev.aic.testsupport.DevIdentity;
import dev.aic.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * "Export my data": everything the platform holds about the caller, and nothing about anyone else,
 * built by a job that reads the member's events through their index and that one member cannot run
 * without bound.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class MemberDataExportIT {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @org.springframework.boot.test.web.server.LocalServerPort int port;
    private final ObjectMapper json = new ObjectMapper();
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    @Test
    void aMemberExportsTheirAccountProfileChoicesRsvpsAndEventsAndNothingOfOthers()
            throws Exception {
        String ivo = MemberErasureIT.newUsername();
        String jan = MemberErasureIT.newUsername();
        String ivoId = register(ivo, "Ivo " + ivo);
        String janId = register(jan, "Jan " + jan);
        assertThat(
                        api.call(
                                        ivo,
                                        HttpMethod.PUT,
                                        "/api/users/" + ivoId + "/profile",
                                        Map.of(
                                                "displayName",
                                                "Ivo " + ivo,
                                                "bio",
                                                "Collects maps",
                                                "interests",
                                                List.of("maps")))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        api.call(
                                        ivo,
                                        HttpMethod.PUT,
                                        "/api/users/" + ivoId + "/email-preferences",
                                        Map.of("unsubscribed", List.of("EVENT_REMINDER")))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        api.call(
                                        jan,
                                        HttpMethod.PUT,
                                        "/api/users/" + janId + "/profile",
                                        Map.of(
                                                "displayName",
                                                "Jan " + jan,
                                                "bio",
                                                "Secret hobby of " + jan))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String meetup = publishedCommunityEvent();
        assertThat(
                        api.call(ivo, HttpMethod.POST, "/api/events/" + meetup + "/rsvp", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        api.call(jan, HttpMethod.POST, "/api/events/" + meetup + "/rsvp", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<String> export = export(ivo);

        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(export.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(export.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .startsWith("attachment")
                .contains("aic-member-data-" + ivoId + ".json");
        JsonNode archive = json.readTree(export.getBody());
        assertThat(archive.path("format").asText()).isEqualTo("aic-member-data/1");
        assertThat(archive.path("userId").asText()).isEqualTo(ivoId);
        assertThat(archive.path("account").path("email").asText()).isEqualTo(ivo + "@example.test");
        assertThat(archive.path("account").path("roles").toString()).contains("MEMBER");
        assertThat(archive.path("profile").path("bio").asText()).isEqualTo("Collects maps");
        assertThat(archive.path("emailPreferences").path("unsubscribed").toString())
                .contains("EVENT_REMINDER");
        assertThat(archive.path("rsvps")).hasSize(1);
        assertThat(archive.path("rsvps").get(0).path("type").asText()).isEqualTo("RsvpConfirmed");
        assertThat(archive.path("rsvps").get(0).path("details").path("eventId").asText())
                .isEqualTo(meetup);
        List<String> types = new ArrayList<>();
        archive.path("events").forEach(event -> types.add(event.path("type").asText()));
        assertThat(types)
                .anyMatch(type -> type.endsWith("UserEvent$Registered"))
                .anyMatch(type -> type.endsWith("RsvpConfirmed"))
                .anyMatch(type -> type.endsWith("UserEvent$ProfileUpdated"))
                .anyMatch(type -> type.endsWith("UserEvent$EmailPreferencesChanged"));
        JsonNode registered = archive.path("events").get(0);
        assertThat(registered.path("payload").path("email").asText())
                .isEqualTo(ivo + "@example.test");
        assertThat(registered.path("metadata").path("actorSubject").asText()).endsWith("#" + ivo);
        assertThat(archive.path("events").findValuesAsText("actorId"))
                .isNotEmpty()
                .containsOnly(ivoId);
        assertThat(registered.path("timestamp").asText()).isNotBlank();
        assertThat(export.getBody())
                .doesNotContain(janId)
                .doesNotContain(jan + "@example.test")
                .doesNotContain("Secret hobby")
                .doesNotContain("Jan " + jan)
                .doesNotContain("\"pd\":\"v1\"");
    }

    @Test
    void theIndexAnExportReadsListsExactlyTheEventsThatNameTheMember() {
        String kai = MemberErasureIT.newUsername();
        String kaiId = register(kai, "Kai " + kai);
        String meetup = publishedCommunityEvent();
        assertThat(
                        api.call(kai, HttpMethod.POST, "/api/events/" + meetup + "/rsvp", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        byte[] id = kaiId.getBytes(java.nio.charset.StandardCharsets.UTF_8);

        List<Long> searched =
                jdbc.queryForList(
                        """
                SELECT globalindex FROM domainevententry
                WHERE aggregateidentifier = ? OR position(? IN payload) > 0 OR position(? IN metadata) > 0
                ORDER BY globalindex""",
                        Long.class,
                        kaiId,
                        id,
                        id);
        List<Long> indexed =
                jdbc.queryForList(
                        "SELECT global_index FROM event_subject WHERE subject_id = ?::uuid"
                                + " ORDER BY global_index",
                        Long.class,
                        kaiId);

        assertThat(indexed).hasSizeGreaterThanOrEqualTo(2).isEqualTo(searched);
    }

    @Test
    void anExportIsAJobThatShowsItsProgressAndOnlyItsMemberSeesIt() {
        String lea = MemberErasureIT.newUsername();
        String max = MemberErasureIT.newUsername();
        register(lea, "Lea " + lea);
        register(max, "Max " + max);

        ResponseEntity<Map> started = start(lea);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String job = started.getHeaders().getLocation().toString();
        assertThat(job).isEqualTo("/api/me/exports/" + started.getBody().get("id"));
        Map<?, ?> ready = awaitReady(lea, job);
        assertThat(((Number) ready.get("eventsTotal")).longValue())
                .isPositive()
                .isEqualTo(((Number) ready.get("eventsDone")).longValue());
        assertThat(api.call(max, HttpMethod.GET, job, null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get(max, job + "/archive").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aMemberGetsAFewExportsPerDayAndThenIsToldWhenToComeBack() throws Exception {
        String ned = MemberErasureIT.newUsername();
        register(ned, "Ned " + ned);
        for (int i = 0; i < 3; i++) {
            ResponseEntity<Map> started = start(ned);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            awaitReady(ned, started.getHeaders().getLocation().toString());
        }

        // a client that does not retry by itself: the test's HTTP client would honour the
        // Retry-After of a day
        HttpResponse<String> fourth =
                HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:"
                                                                + port
                                                                + "/api/me/exports"))
                                        .header(
                                                HttpHeaders.AUTHORIZATION,
                                                "Bearer " + DevIdentity.start().accessToken(ned))
                                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

        assertThat(fourth.statusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS.value());
        assertThat(fourth.body()).contains("urn:aic:problem:export-limit");
        assertThat(
                        Long.parseLong(
                                fourth.headers().firstValue(HttpHeaders.RETRY_AFTER).orElseThrow()))
                .isBetween(Duration.ofHours(23).toSeconds(), Duration.ofHours(24).toSeconds());
    }

    @Test
    void someoneWhoIsNotRegisteredHasNothingToExport() {
        ResponseEntity<Map> export = start(MemberErasureIT.newUsername());

        assertThat(export.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(export.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(export.getBody()).containsEntry("type", "urn:aic:problem:not-registered");
    }

    @Test
    void theExportNeedsASignedInCaller() {
        assertThat(http.postForEntity("/api/me/exports", null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<String> export(String username) {
        ResponseEntity<Map> started = start(username);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String job = started.getHeaders().getLocation().toString();
        awaitReady(username, job);
        return get(username, job + "/archive");
    }

    private ResponseEntity<Map> start(String username) {
        return api.call(username, HttpMethod.POST, "/api/me/exports", null);
    }

    private Map<?, ?> awaitReady(String username, String job) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            ResponseEntity<Map> polled =
                                    api.call(username, HttpMethod.GET, job, null);
                            assertThat(polled.getStatusCode()).isEqualTo(HttpStatus.OK);
                            assertThat(polled.getBody().get("status")).isNotEqualTo("FAILED");
                            return polled.getBody();
                        },
                        body -> "READY".equals(body.get("status")));
    }

    private ResponseEntity<String> get(String username, String path) {
        return http.exchange(
                RequestEntity.get(path)
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                "Bearer " + DevIdentity.start().accessToken(username))
                        .build(),
                String.class);
    }

    private String register(String username, String displayName) {
        ResponseEntity<Map> registered =
                api.call(username, HttpMethod.POST, "/api/me", Map.of("displayName", displayName));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) registered.getBody().get("id");
    }

    private String publishedCommunityEvent() {
        assertThat(api.call("olivia", HttpMethod.POST, "/api/me", Map.of()).getStatusCode())
                .isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        Instant startsAt = Instant.now().plus(Duration.ofDays(9)).truncatedTo(ChronoUnit.MINUTES);
        ResponseEntity<Map> drafted =
                api.call(
                        "olivia",
                        HttpMethod.POST,
                        "/api/events",
                        Map.of(
                                "title",
                                "Map walk",
                                "description",
                                "Old maps of the city",
                                "venue",
                                "Archive",
                                "visibility",
                                "PUBLIC",
                                "capacity",
                                10,
                                "startsAt",
                                startsAt.toString(),
                                "endsAt",
                                startsAt.plus(Duration.ofHours(2)).toString(),
                                "timeZone",
                                "UTC"));
        assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) drafted.getBody().get("id");
        assertThat(
                        api.call("olivia", HttpMethod.POST, "/api/events/" + id + "/publish", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        return id;
    }
}
