package dev.aic.commandside.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every stored event says who caused it, through which client and request: the auditor's "who
 * changed what, when and why", recorded as metadata so that payloads stay about the domain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
// Spring Boot's tests propagate no trace context unless asked to
@AutoConfigureObservability(metrics = false)
@SuppressWarnings("rawtypes")
class EventAttributionIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theEventsOfACommandCarryTheCallerTheClientTheRequestAndItsTrace() throws Exception {
        // a client of its own, untraced: the context's TestRestTemplate traces its requests,
        // replacing the
        // traceparent a caller (a browser's script, a gateway) sends with its own span's
        Api api =
                new Api(new TestRestTemplate(new RestTemplateBuilder().rootUri(http.getRootUri())));
        String olivia = register(api, "olivia");
        Instant startsAt = Instant.now().plus(Duration.ofDays(10));
        Map<String, Object> draft =
                new HashMap<>(
                        Map.of(
                                "title",
                                "Attribution drill",
                                "venue",
                                "Hall 3",
                                "capacity",
                                5,
                                "visibility",
                                "MEMBERS",
                                "startsAt",
                                startsAt.toString(),
                                "endsAt",
                                startsAt.plus(Duration.ofHours(1)).toString(),
                                "timeZone",
                                "UTC"));
        ResponseEntity<Map> drafted =
                api.call(
                        "olivia",
                        HttpMethod.POST,
                        "/api/events",
                        draft,
                        Map.of(
                                "X-Request-Id",
                                "drill-42",
                                "traceparent",
                                "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(drafted.getHeaders().getFirst("X-Request-Id")).isEqualTo("drill-42");
        String event = (String) drafted.getBody().get("id");

        JsonNode metaData = metaDataOf(event, "Drafted");
        assertThat(metaData.path("actorId").asText()).isEqualTo(olivia);
        assertThat(metaData.path("actorSubject").asText()).endsWith("#olivia");
        assertThat(metaData.path("actorRoles").toString()).contains("ORGANIZER");
        assertThat(metaData.path("client").asText()).isEqualTo("olivia");
        assertThat(metaData.path("requestId").asText()).isEqualTo("drill-42");
        assertThat(metaData.path("traceId").asText()).isEqualTo(TRACE_ID);
        // the request's own span, a child of the caller's, for whatever handles the event later to
        // continue
        assertThat(metaData.path("traceparent").asText())
                .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(metaData.path("command").asText()).isEqualTo("CommunityEventCommands.Draft");
        assertThat(metaData.path("causationId").asText()).isNotBlank();
        assertThat(metaData.path("correlationId").asText())
                .isEqualTo(metaData.path("causationId").asText());
        // the organiser is a fact of the domain; who sent the request, and how, is not
        assertThat(payloadOf(event, "Drafted").toString())
                .doesNotContain("drill-42")
                .doesNotContain(TRACE_ID)
                .doesNotContain("actor")
                .doesNotContain("ORGANIZER");

        // a request without an id of its own gets one, answered and recorded alike
        assertThat(
                        api.call(
                                        "olivia",
                                        HttpMethod.POST,
                                        "/api/events/" + event + "/publish",
                                        null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String alice = register(api, "alice");
        ResponseEntity<Map> rsvp =
                api.call("alice", HttpMethod.POST, "/api/events/" + event + "/rsvp", null);
        assertThat(rsvp.getStatusCode()).isEqualTo(HttpStatus.OK);
        String generated = rsvp.getHeaders().getFirst("X-Request-Id");
        assertThat(generated).matches("[0-9a-f-]{36}");
        JsonNode rsvpMetaData = metaDataOf(event, "RsvpConfirmed");
        assertThat(rsvpMetaData.path("actorId").asText()).isEqualTo(alice);
        assertThat(rsvpMetaData.path("requestId").asText()).isEqualTo(generated);
        assertThat(rsvpMetaData.path("command").asText()).isEqualTo("CommunityEventCommands.Rsvp");
        // a request that came without a trace starts one
        assertThat(rsvpMetaData.path("traceId").asText())
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(TRACE_ID);
        assertThat(rsvpMetaData.path("traceparent").asText())
                .startsWith("00-" + rsvpMetaData.path("traceId").asText() + "-");
    }

    private String register(Api api, String user) {
        ResponseEntity<Map> response = api.call(user, HttpMethod.POST, "/api/me", Map.of());
        assertThat(response.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
        return (String)
                response.getBody()
                        .get(response.getStatusCode() == HttpStatus.CREATED ? "id" : "userId");
    }

    private JsonNode metaDataOf(String aggregate, String type) throws Exception {
        return json.readTree(column("metadata", aggregate, type));
    }

    private JsonNode payloadOf(String aggregate, String type) throws Exception {
        return json.readTree(column("payload", aggregate, type));
    }

    private String column(String column, String aggregate, String type) {
        List<byte[]> values =
                jdbc.queryForList(
                        "SELECT "
                                + column
                                + " FROM domainevententry"
                                + " WHERE aggregateidentifier = ? AND payloadtype LIKE ? ORDER BY sequencenumber",
                        byte[].class,
                        aggregate,
                        "%$" + type);
        assertThat(values).as(type).hasSize(1);
        return new String(values.get(0), StandardCharsets.UTF_8);
    }
}
