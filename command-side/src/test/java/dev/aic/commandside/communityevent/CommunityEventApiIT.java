package dev.aic.commandside.communityevent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/** The community-event API over real HTTP, as organisers, members and administrators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class CommunityEventApiIT {

    private static final String OLIVIA = "olivia";
    private static final String ADAM = "adam";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        userId(OLIVIA);
        userId(ADAM);
    }

    @Test
    void anOrganiserDraftsPublishesAndRunsAnEvent() {
        userId("ce-cora");
        String dan = userId("ce-dan");
        String oscar = userId("ce-oscar");

        ResponseEntity<Map> drafted =
                api.call(OLIVIA, HttpMethod.POST, "/api/events", draft(inDays(7), 1));
        assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) drafted.getBody().get("id");
        assertThat(drafted.getHeaders().getLocation()).hasToString("/api/events/" + id);
        assertThat(drafted.getHeaders().getETag()).isEqualTo("\"0\"");
        assertThat(drafted.getBody())
                .containsKeys("version", "consistencyToken")
                .doesNotContainKey("status");

        assertThat(
                        change(
                                OLIVIA,
                                HttpMethod.PUT,
                                id,
                                "/details",
                                details("Reading group, second edition")))
                .isEqualTo(HttpStatus.OK);
        assertThat(change(OLIVIA, HttpMethod.POST, id, "/organizers", Map.of("userId", oscar)))
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> published =
                api.call("ce-oscar", HttpMethod.POST, "/api/events/" + id + "/publish", null);
        assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map> cora =
                api.call("ce-cora", HttpMethod.POST, "/api/events/" + id + "/rsvp", null);
        assertThat(cora.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cora.getBody()).containsEntry("status", "CONFIRMED").containsEntry("id", id);
        ResponseEntity<Map> danRsvp =
                api.call("ce-dan", HttpMethod.POST, "/api/events/" + id + "/rsvp", null);
        assertThat(danRsvp.getBody()).containsEntry("status", "WAITLISTED");
        assertThat(
                        api.call("ce-dan", HttpMethod.POST, "/api/events/" + id + "/rsvp", null)
                                .getBody())
                .containsEntry("status", "WAITLISTED");

        ResponseEntity<Map> notAttending =
                api.call(
                        OLIVIA,
                        HttpMethod.POST,
                        "/api/events/" + id + "/check-ins",
                        Map.of("userId", dan));
        assertThat(notAttending.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(notAttending.getBody()).containsEntry("type", "urn:aic:problem:not-attending");
        assertThat(change("ce-cora", HttpMethod.DELETE, id, "/rsvp", null))
                .isEqualTo(HttpStatus.OK);
        assertThat(change(OLIVIA, HttpMethod.POST, id, "/check-ins", Map.of("userId", dan)))
                .isEqualTo(HttpStatus.OK);
        assertThat(change(OLIVIA, HttpMethod.PUT, id, "/capacity", Map.of("capacity", 20)))
                .isEqualTo(HttpStatus.OK);
        assertThat(change(OLIVIA, HttpMethod.PUT, id, "/schedule", schedule(inDays(8))))
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        change(
                                OLIVIA,
                                HttpMethod.POST,
                                id,
                                "/cancel",
                                Map.of("reason", "the venue flooded")))
                .isEqualTo(HttpStatus.OK);

        assertThat(payloadTypes(id))
                .containsExactly(
                        "Drafted",
                        "DetailsChanged",
                        "CoOrganizerAdded",
                        "Published",
                        "RsvpConfirmed",
                        "RsvpWaitlisted",
                        "RsvpCancelled",
                        "PromotedFromWaitingList",
                        "AttendeeCheckedIn",
                        "CapacityChanged",
                        "Rescheduled",
                        "Cancelled");
    }

    @Test
    void onlyItsOrganisersAndAdministratorsChangeAnEvent() {
        userId("ce-mallory");
        String id = draftedEvent();
        long events = countEvents();

        ResponseEntity<Map> member =
                api.call(
                        "ce-mallory",
                        HttpMethod.PUT,
                        "/api/events/" + id + "/details",
                        details("Hijacked"));
        assertThat(member.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(member.getBody()).containsEntry("type", "urn:aic:problem:forbidden");
        assertThat(
                        api.call("ce-mallory", HttpMethod.POST, "/api/events", draft(inDays(7), 10))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(
                        api.call("newbie", HttpMethod.POST, "/api/events/" + id + "/rsvp", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(countEvents()).isEqualTo(events);

        assertThat(
                        change(
                                ADAM,
                                HttpMethod.PUT,
                                id,
                                "/details",
                                details("Fixed by an administrator")))
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aCancelledEventAcceptsNothingFurther() {
        String id = draftedEvent();
        change(OLIVIA, HttpMethod.POST, id, "/cancel", null);

        ResponseEntity<Map> publish =
                api.call(OLIVIA, HttpMethod.POST, "/api/events/" + id + "/publish", null);

        assertThat(publish.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(publish.getBody()).containsEntry("type", "urn:aic:problem:event-cancelled");
    }

    @Test
    void scheduleRulesAreUnprocessableNotServerErrors() {
        String id = draftedEvent();
        change(OLIVIA, HttpMethod.POST, id, "/publish", null);

        ResponseEntity<Map> past =
                api.call(
                        OLIVIA,
                        HttpMethod.PUT,
                        "/api/events/" + id + "/schedule",
                        schedule(Instant.now().minus(Duration.ofDays(1))));
        assertThat(past.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(past.getBody()).containsEntry("type", "urn:aic:problem:schedule-in-the-past");

        Map<String, Object> backwards = new HashMap<>(schedule(inDays(9)));
        backwards.put("endsAt", inDays(9).minus(Duration.ofHours(1)).toString());
        ResponseEntity<Map> reversed =
                api.call(OLIVIA, HttpMethod.PUT, "/api/events/" + id + "/schedule", backwards);
        assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(reversed.getBody())
                .containsEntry("type", "urn:aic:problem:schedule-ends-before-start");
    }

    @Test
    void membersRsvpOnlyToPublishedEvents() {
        userId("ce-early");
        String id = draftedEvent();

        ResponseEntity<Map> early =
                api.call("ce-early", HttpMethod.POST, "/api/events/" + id + "/rsvp", null);

        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody()).containsEntry("type", "urn:aic:problem:event-not-published");
    }

    @Test
    void aChangeMustBeBasedOnTheCurrentVersion() {
        String id = draftedEvent();
        assertThat(
                        api.call(
                                        OLIVIA,
                                        HttpMethod.PUT,
                                        "/api/events/" + id + "/capacity",
                                        Map.of("capacity", 30),
                                        Map.of(HttpHeaders.IF_MATCH, "\"0\""))
                                .getHeaders()
                                .getETag())
                .isEqualTo("\"1\"");
        long events = countEvents();

        ResponseEntity<Map> stale =
                api.call(
                        OLIVIA,
                        HttpMethod.POST,
                        "/api/events/" + id + "/publish",
                        null,
                        Map.of(HttpHeaders.IF_MATCH, "\"0\""));

        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody()).containsEntry("type", "urn:aic:problem:stale-version");
        assertThat(countEvents()).isEqualTo(events);
    }

    @Test
    void aRetriedDraftWithTheSameIdempotencyKeyCreatesOneEvent() {
        Map<String, String> key = Map.of("Idempotency-Key", "ce-" + UUID.randomUUID());
        Map<String, Object> body = draft(inDays(7), 40);
        ResponseEntity<Map> first = api.call(OLIVIA, HttpMethod.POST, "/api/events", body, key);
        long events = countEvents();

        ResponseEntity<Map> retry = api.call(OLIVIA, HttpMethod.POST, "/api/events", body, key);

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(countEvents()).isEqualTo(events);
    }

    @Test
    void badRequestsAreRefusedWithTheFieldsNamed() {
        long events = countEvents();
        Map<String, Object> nowhere = new HashMap<>(draft(inDays(7), 10));
        nowhere.remove("venue");
        Map<String, Object> badZone = new HashMap<>(draft(inDays(7), 10));
        badZone.put("timeZone", "Mars/Olympus_Mons");
        Map<String, Object> plainHttp = new HashMap<>(draft(inDays(7), 10));
        plainHttp.put("onlineLink", "http://insecure.example.org");
        Map<String, Object> tooManyTags = new HashMap<>(draft(inDays(7), 10));
        tooManyTags.put("tags", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"));

        Map<String, Map<String, Object>> cases =
                Map.of(
                        "venueOrOnlineLink",
                        nowhere,
                        "timeZone",
                        badZone,
                        "onlineLink",
                        plainHttp,
                        "tags",
                        tooManyTags,
                        "capacity",
                        draft(inDays(7), 0));
        cases.forEach(
                (field, body) -> {
                    ResponseEntity<Map> refused =
                            api.call(OLIVIA, HttpMethod.POST, "/api/events", body);
                    assertThat(refused.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(refused.getBody())
                            .as(field)
                            .containsEntry("type", "urn:aic:problem:validation");
                    assertThat(refused.getBody().get("errors").toString())
                            .as(field)
                            .contains(field);
                });
        assertThat(
                        api.call(OLIVIA, HttpMethod.POST, "/api/events", draft(inDays(7), 100_001))
                                .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(countEvents()).isEqualTo(events);
    }

    @Test
    void anUnknownEventIsNotFound() {
        userId("ce-lost");

        ResponseEntity<Map> missing =
                api.call(
                        "ce-lost",
                        HttpMethod.POST,
                        "/api/events/" + UUID.randomUUID() + "/rsvp",
                        null);

        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("type", "urn:aic:problem:not-found");
    }

    private String draftedEvent() {
        ResponseEntity<Map> drafted =
                api.call(OLIVIA, HttpMethod.POST, "/api/events", draft(inDays(7), 10));
        assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) drafted.getBody().get("id");
    }

    private HttpStatus change(String user, HttpMethod method, String id, String path, Object body) {
        return (HttpStatus)
                api.call(user, method, "/api/events/" + id + path, body).getStatusCode();
    }

    /** The caller's user id, registering them first if this is their first sign-in. */
    private String userId(String user) {
        return CommunityEventScenarios.register(api, user);
    }

    private List<String> payloadTypes(String id) {
        return jdbc.queryForList(
                """
                SELECT substring(payloadtype from '\\$([A-Za-z]+)$') FROM domainevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber""",
                String.class,
                id);
    }

    private long countEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.MINUTES);
    }

    static Map<String, Object> draft(Instant startsAt, int capacity) {
        Map<String, Object> body = new HashMap<>(details("Reading group"));
        body.putAll(schedule(startsAt));
        body.put("capacity", capacity);
        return body;
    }

    private static Map<String, Object> details(String title) {
        return Map.of(
                "title",
                title,
                "description",
                "Attention is all you need",
                "venue",
                "Library, room 2",
                "tags",
                List.of("nlp", "papers"),
                "visibility",
                "PUBLIC");
    }

    static Map<String, Object> schedule(Instant startsAt) {
        return Map.of(
                "startsAt",
                startsAt.toString(),
                "endsAt",
                startsAt.plus(Duration.ofHours(2)).toString(),
                "timeZone",
                "Europe/Amsterdam");
    }
}
