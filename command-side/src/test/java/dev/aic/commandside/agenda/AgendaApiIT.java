package dev.aic.commandside.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/** The agenda API over real HTTP: an organiser builds an agenda and the hard rules answer as problems. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class AgendaApiIT {

    private static final String OLIVIA = "olivia";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        register(OLIVIA);
    }

    @Test
    void anOrganiserBuildsAnAgendaAndAConflictingPlacementIsRefusedNamingTheRuleAndTheSession() {
        String ada = register("ag-ada");
        String event = draftedEvent();
        ResponseEntity<Map> opened = api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda", null);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String agenda = "/api/events/" + event + "/agenda";

        String hall = created(OLIVIA, agenda + "/rooms", Map.of("name", "Hall", "capacity", 100,
                "equipment", List.of("projector")));
        Instant start = startsAt();
        String slot = created(OLIVIA, agenda + "/slots", Map.of("startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(1)).toString(), "roomIds", List.of(hall)));
        String keynote = created(OLIVIA, agenda + "/sessions", session("Keynote", ada));
        String workshop = created(OLIVIA, agenda + "/sessions", session("Workshop", ada));

        assertThat(api.call(OLIVIA, HttpMethod.PUT, agenda + "/sessions/" + keynote + "/placement",
                Map.of("slotId", slot, "roomId", hall)).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> refused = api.call(OLIVIA, HttpMethod.PUT, agenda + "/sessions/" + workshop + "/placement",
                Map.of("slotId", slot, "roomId", hall));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody()).containsEntry("type", "urn:aic:problem:room-double-booked")
                .containsEntry("rule", "ROOM_DOUBLE_BOOKED").containsEntry("sessionId", workshop)
                .containsEntry("conflictingSessionId", keynote);
        assertThat(api.call(OLIVIA, HttpMethod.POST, agenda + "/publish", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(payloadTypes(opened.getBody().get("id").toString())).containsExactly("Opened", "RoomDefined",
                "SlotDefined", "SessionDefined", "SessionDefined", "SessionPlaced", "Published");
    }

    @Test
    void onlyTheEventsOrganisersOpenAndChangeItsAgenda() {
        register("ag-mallory");
        String event = draftedEvent();
        assertThat(api.call("ag-mallory", HttpMethod.POST, "/api/events/" + event + "/agenda", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda", null);
        ResponseEntity<Map> room = api.call("ag-mallory", HttpMethod.POST, "/api/events/" + event + "/agenda/rooms",
                Map.of("name", "Broom closet", "capacity", 2));
        assertThat(room.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(room.getBody()).containsEntry("type", "urn:aic:problem:forbidden");
    }

    @Test
    void aSessionWithoutAudienceOrTitleIsABadRequest() {
        String event = draftedEvent();
        api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda", null);
        ResponseEntity<Map> bad = api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda/sessions",
                Map.of("speakers", List.of(), "durationMinutes", 0));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    private String created(String user, String path, Object body) {
        ResponseEntity<Map> response = api.call(user, HttpMethod.POST, path, body);
        assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.CREATED);
        return (String) response.getBody().get("id");
    }

    private static Map<String, Object> session(String title, String speaker) {
        return Map.of("title", title, "speakers", List.of(speaker), "durationMinutes", 45, "track", "nlp",
                "expectedAudience", 40);
    }

    private String draftedEvent() {
        Instant start = startsAt().minus(Duration.ofHours(1));
        ResponseEntity<Map> drafted = api.call(OLIVIA, HttpMethod.POST, "/api/events", Map.of("title", "Conference",
                "venue", "Congress centre", "startsAt", start.toString(), "endsAt",
                start.plus(Duration.ofHours(9)).toString(), "timeZone", "Europe/Amsterdam", "capacity", 300,
                "visibility", "PUBLIC"));
        assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) drafted.getBody().get("id");
    }

    private static Instant startsAt() {
        return Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
    }

    private String register(String user) {
        ResponseEntity<Map> response = api.call(user, HttpMethod.POST, "/api/me", Map.of());
        assertThat(response.getStatusCode()).as(user).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        return response.getStatusCode() == HttpStatus.CREATED
                ? (String) response.getBody().get("id") : (String) response.getBody().get("userId");
    }

    private List<String> payloadTypes(String id) {
        return jdbc.queryForList("""
                SELECT substring(payloadtype from '\\$([A-Za-z]+)$') FROM domainevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber""", String.class, id);
    }
}
