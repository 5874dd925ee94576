package dev.aic.commandside.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.Api;
import dev.aic.testsupport.DevIdentity;
import dev.aic.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

/**
 * The auditor's story: who changed a user, when and why; the user as they were after each change;
 * the stream of everything, filtered by what caused it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings({"rawtypes", "unchecked"})
class AuditApiIT {

    @Autowired TestRestTemplate http;
    private final ObjectMapper json = new ObjectMapper();
    private Api api;
    private String user;

    /**
     * Given a user an administrator registered, renamed, made organiser and deactivated: events 0
     * to 3.
     */
    @BeforeEach
    void aUserWithAHistory() {
        api = new Api(http);
        ResponseEntity<Map> registered =
                api.call(
                        "adam",
                        HttpMethod.POST,
                        "/api/users",
                        Map.of(
                                "email",
                                "audited-" + UUID.randomUUID() + "@example.test",
                                "displayName",
                                "Before"));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        user = (String) registered.getBody().get("id");
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.PUT,
                                        "/api/users/" + user + "/profile",
                                        Map.of("displayName", "After", "interests", List.of()))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.PUT,
                                        "/api/users/" + user + "/roles",
                                        Map.of("roles", List.of("MEMBER", "ORGANIZER")))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.POST,
                                        "/api/users/" + user + "/deactivate",
                                        Map.of("reason", "left"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void anAuditorReadsWhoChangedAnEntityWhenAndWhyPageByPage() {
        ResponseEntity<Map> first = api.call("audrey", HttpMethod.GET, history(2, null), null);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map> items = (List<Map>) first.getBody().get("items");
        assertThat(items).extracting(item -> item.get("sequenceNumber")).containsExactly(0, 1);
        Map registered = items.get(0);
        assertThat((String) registered.get("payloadType")).endsWith("UserEvent$Registered");
        assertThat(registered.get("aggregateType")).isEqualTo("User");
        assertThat(registered.get("revision")).isNotNull();
        assertThat((Map) registered.get("payload")).containsEntry("displayName", "Before");
        Map metadata = (Map) registered.get("metadata");
        assertThat((String) metadata.get("actorSubject")).endsWith("#adam");
        assertThat(metadata.get("command")).isEqualTo("UserCommands.RegisterUser");
        assertThat(metadata.get("correlationId")).isNotNull();
        assertThat(((Number) items.get(1).get("globalIndex")).longValue())
                .isGreaterThan(((Number) registered.get("globalIndex")).longValue());

        String cursor = (String) first.getBody().get("nextCursor");
        ResponseEntity<Map> second = api.call("adam", HttpMethod.GET, history(2, cursor), null);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map> rest = (List<Map>) second.getBody().get("items");
        assertThat(rest).extracting(item -> item.get("sequenceNumber")).containsExactly(2, 3);
        assertThat((String) rest.get(1).get("payloadType")).endsWith("UserEvent$Deactivated");
        assertThat((Map) rest.get(1).get("metadata"))
                .containsEntry("command", "UserCommands.Deactivate");
        assertThat(second.getBody()).doesNotContainKey("nextCursor");
    }

    @Test
    void anUnknownEntityOrABadCursorIsRefused() {
        ResponseEntity<Map> unknown =
                api.call(
                        "audrey",
                        HttpMethod.GET,
                        "/api/audit/entities/" + UUID.randomUUID() + "/events",
                        null);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("type")).isEqualTo("urn:aic:problem:not-found");

        String cursor =
                (String)
                        api.call("audrey", HttpMethod.GET, history(1, null), null)
                                .getBody()
                                .get("nextCursor");
        String altered =
                cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
        ResponseEntity<Map> tampered =
                api.call("audrey", HttpMethod.GET, history(1, altered), null);
        assertThat(tampered.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tampered.getBody().get("type")).isEqualTo("urn:aic:problem:invalid-cursor");
        ResponseEntity<Map> elsewhere =
                api.call(
                        "audrey",
                        HttpMethod.GET,
                        "/api/audit/entities/" + UUID.randomUUID() + "/events?cursor=" + cursor,
                        null);
        assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(elsewhere.getBody().get("type")).isEqualTo("urn:aic:problem:invalid-cursor");
        assertThat(api.call("audrey", HttpMethod.GET, history(101, null), null).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anEntityIsSeenAsItWasAfterEachOfItsEventsOrAtAnyInstant() {
        Map afterRegistration = state("sequence=0");
        assertThat(afterRegistration.get("aggregateType")).isEqualTo("User");
        assertThat(afterRegistration.get("sequenceNumber")).isEqualTo(0);
        Map registered = (Map) afterRegistration.get("state");
        assertThat(registered)
                .containsEntry("active", true)
                .containsEntry("roles", List.of("MEMBER"));
        assertThat((Map) registered.get("profile")).containsEntry("displayName", "Before");

        assertThat((Map) ((Map) state("sequence=1").get("state")).get("profile"))
                .containsEntry("displayName", "After");
        assertThat((Map) state("sequence=2").get("state"))
                .containsEntry("roles", List.of("MEMBER", "ORGANIZER"))
                .containsEntry("active", true);
        assertThat((Map) state("sequence=3").get("state")).containsEntry("active", false);

        List<Map> events =
                (List<Map>)
                        api.call("audrey", HttpMethod.GET, history(10, null), null)
                                .getBody()
                                .get("items");
        Instant renamedAt = Instant.parse((String) events.get(1).get("timestamp"));
        Instant deactivatedAt = Instant.parse((String) events.get(3).get("timestamp"));
        Map asOfRename = state("at=" + renamedAt);
        assertThat(asOfRename.get("sequenceNumber")).isIn(1, 2);
        assertThat(Instant.parse((String) asOfRename.get("timestamp"))).isEqualTo(renamedAt);
        assertThat((Map) ((Map) asOfRename.get("state")).get("profile"))
                .containsEntry("displayName", "After");
        assertThat(state("at=" + deactivatedAt.plusSeconds(3600)).get("sequenceNumber"))
                .isEqualTo(3);

        Instant registeredAt = Instant.parse((String) events.get(0).get("timestamp"));
        assertProblem(
                stateCall("at=" + registeredAt.minusMillis(1)), HttpStatus.NOT_FOUND, "not-found");
        assertProblem(stateCall("sequence=4"), HttpStatus.NOT_FOUND, "not-found");
        assertProblem(
                api.call(
                        "audrey",
                        HttpMethod.GET,
                        "/api/audit/entities/" + UUID.randomUUID() + "/state?sequence=0",
                        null),
                HttpStatus.NOT_FOUND,
                "not-found");
        assertProblem(
                stateCall("sequence=1&at=" + renamedAt), HttpStatus.BAD_REQUEST, "validation");
        assertProblem(stateCall(""), HttpStatus.BAD_REQUEST, "validation");
        assertProblem(stateCall("at=yesterday"), HttpStatus.BAD_REQUEST, "validation");
        assertProblem(stateCall("sequence=-1"), HttpStatus.BAD_REQUEST, "validation");
    }

    @Test
    void theEventStreamIsExportedAsJsonLinesFilteredByTypeActorAndCorrelation() throws Exception {
        List<Map> events =
                (List<Map>)
                        api.call("audrey", HttpMethod.GET, history(10, null), null)
                                .getBody()
                                .get("items");
        Map rename = events.get(1);
        String correlationId = (String) ((Map) rename.get("metadata")).get("correlationId");

        ResponseEntity<String> byCorrelation = export("audrey", "correlationId=" + correlationId);
        assertThat(byCorrelation.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(byCorrelation.getHeaders().getContentType()).hasToString("application/x-ndjson");
        List<JsonNode> lines = lines(byCorrelation.getBody());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("eventId").asText()).isEqualTo(rename.get("eventId"));
        assertThat(lines.get(0).path("payload").path("displayName").asText()).isEqualTo("After");

        String adamSubject = (String) ((Map) rename.get("metadata")).get("actorSubject");
        Instant from = Instant.parse((String) events.get(0).get("timestamp"));
        String actor = URLEncoder.encode(adamSubject, StandardCharsets.UTF_8);
        List<JsonNode> byAdam =
                lines(
                        export("adam", "aggregateType=User&actor=" + actor + "&from=" + from)
                                .getBody());
        assertThat(byAdam)
                .extracting(line -> line.path("eventId").asText())
                .containsSubsequence(
                        events.stream().map(event -> (String) event.get("eventId")).toList());
        List<Long> indexes =
                byAdam.stream().map(line -> line.path("globalIndex").asLong()).toList();
        assertThat(indexes).isSorted();

        List<JsonNode> deactivations =
                lines(export("audrey", "type=Deactivated&from=" + from).getBody());
        assertThat(deactivations)
                .isNotEmpty()
                .allSatisfy(
                        line ->
                                assertThat(line.path("payloadType").asText())
                                        .endsWith("UserEvent$Deactivated"));
        assertThat(deactivations)
                .extracting(line -> line.path("aggregateId").asText())
                .contains(user);

        assertThat(lines(export("audrey", "type=Deactivated&to=" + from).getBody()))
                .extracting(line -> line.path("aggregateId").asText())
                .doesNotContain(user);
        assertThat(export("audrey", "from=" + from + "&to=" + from).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void onlyAuditorsAndAdministratorsReadTheAudit() {
        for (String path :
                List.of(
                        history(1, null),
                        "/api/audit/entities/" + user + "/state?sequence=0",
                        "/api/audit/events?correlationId=none",
                        "/api/audit/chain/verify")) {
            assertThat(api.call("alice", HttpMethod.GET, path, null).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(api.call("olivia", HttpMethod.GET, path, null).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(api.call(null, HttpMethod.GET, path, null).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(api.call("audrey", HttpMethod.GET, path, null).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.OK);
            assertThat(api.call("adam", HttpMethod.GET, path, null).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.OK);
        }
    }

    private String history(int limit, String cursor) {
        return "/api/audit/entities/"
                + user
                + "/events?limit="
                + limit
                + (cursor == null ? "" : "&cursor=" + cursor);
    }

    private Map state(String query) {
        ResponseEntity<Map> response = stateCall(query);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<Map> stateCall(String query) {
        return api.call(
                "audrey", HttpMethod.GET, "/api/audit/entities/" + user + "/state?" + query, null);
    }

    private static void assertProblem(
            ResponseEntity<Map> response, HttpStatus status, String type) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody().get("type")).isEqualTo("urn:aic:problem:" + type);
    }

    private ResponseEntity<String> export(String caller, String query) {
        return http.exchange(
                RequestEntity.get(URI.create("/api/audit/events?" + query))
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                "Bearer " + DevIdentity.start().accessToken(caller))
                        .build(),
                String.class);
    }

    private List<JsonNode> lines(String body) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        if (body == null) {
            return lines;
        }
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
