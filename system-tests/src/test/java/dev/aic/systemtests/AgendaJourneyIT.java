package dev.aic.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An organiser's agenda end to end over real processes: rooms, slots and sessions on the
 * command-side, a solve that travels to the ai-worker's solver over Kafka while its progress
 * streams from the query-side, the proposal accepted, and a member's personal agenda read back as a
 * calendar.
 */
class AgendaJourneyIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Platform platform = Platform.shared();

    @Test
    void
            anOrganiserHasTheAgendaSolvedWatchesTheProgressAcceptsAndAMemberReadsTheirAgendaAsACalendar() {
        String olivia = platform.token("olivia");
        register(olivia);
        String member = platform.token("agenda-" + UUID.randomUUID().toString().substring(0, 8));
        String memberId = register(member);
        List<String> speakers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            speakers.add(
                    register(
                            platform.token(
                                    "speaker-" + UUID.randomUUID().toString().substring(0, 8))));
        }
        Instant start =
                Instant.now()
                        .plus(Duration.ofDays(21))
                        .truncatedTo(ChronoUnit.DAYS)
                        .plus(Duration.ofHours(8));
        String event = draft(olivia, start);
        String agenda = "/api/events/" + event + "/agenda";
        assertThat(command(olivia, "POST", agenda, null).status()).isEqualTo(201);

        // given two rooms, four slots and six sessions whose speakers overlap
        String hall =
                id(
                        command(
                                olivia,
                                "POST",
                                agenda + "/rooms",
                                json().put("name", "Hall")
                                        .put("capacity", 200)
                                        .set(
                                                "equipment",
                                                Http.JSON.createArrayNode().add("projector"))
                                        .toString()));
        String cabin =
                id(
                        command(
                                olivia,
                                "POST",
                                agenda + "/rooms",
                                json().put("name", "Cabin").put("capacity", 30).toString()));
        for (int s = 0; s < 4; s++) {
            Instant at = start.plus(Duration.ofHours(1 + s));
            ObjectNode slot =
                    json().put("startsAt", at.toString())
                            .put("endsAt", at.plus(Duration.ofHours(1)).toString());
            slot.putArray("roomIds").add(hall).add(cabin);
            command(olivia, "POST", agenda + "/slots", slot.toString());
        }
        List<String> sessions = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            ObjectNode session =
                    json().put("title", "Session " + (n + 1))
                            .put("durationMinutes", 45)
                            .put("track", n % 2 == 0 ? "nlp" : "vision")
                            .put("expectedAudience", n == 0 ? 150 : 20);
            session.putArray("speakers").add(speakers.get(n % 3));
            if (n == 0) {
                session.putArray("requiredEquipment").add("projector");
            }
            sessions.add(id(command(olivia, "POST", agenda + "/sessions", session.toString())));
        }

        // when the organiser asks for a solve and follows it
        Http.Reply requested =
                command(
                        olivia,
                        "POST",
                        agenda + "/solves",
                        json().put("timeBudgetSeconds", 3).toString());
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        String solve = id(requested);
        await("the solve reaches the read model")
                .atMost(DEADLINE)
                .until(() -> query(olivia, agenda + "/solves/" + solve, requested).status() == 200);
        Http.Reply stream =
                Http.to(platform.querySide().url(agenda + "/solves/" + solve + "/stream"))
                        .bearer(olivia)
                        .header("Accept", "text/event-stream")
                        .get();
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.body()).contains("event:solve").contains("\"status\":\"PROPOSED\"");
        JsonNode proposal = query(olivia, agenda + "/solves/" + solve, requested).json();
        assertThat(proposal.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(proposal.get("hardScore").asLong()).isZero();
        assertThat(proposal.get("proposal").get("conflicts")).isEmpty();
        assertThat(proposal.get("proposal").get("placements")).hasSize(6);

        // then accepting it places every session; the agenda is published and a member marks two
        // sessions
        Http.Reply accepted =
                command(olivia, "POST", agenda + "/solves/" + solve + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(command(olivia, "POST", agenda + "/publish", null).status()).isEqualTo(200);
        command(member, "PUT", agenda + "/sessions/" + sessions.get(0) + "/mark", null);
        Http.Reply marked =
                command(member, "PUT", agenda + "/sessions/" + sessions.get(3) + "/mark", null);

        JsonNode read = query(member, agenda, marked).json();
        assertThat(read.get("sessions"))
                .hasSize(6)
                .allSatisfy(session -> assertThat(session.get("startsAt").isNull()).isFalse());
        assertThat(read.get("sessions").get(0).get("startsAt").asText()).isNotBlank();
        JsonNode keynote = find(read, sessions.get(0));
        assertThat(keynote.get("roomId").asText()).isEqualTo(hall);

        Http.Reply calendar = query(member, agenda + "/mine/calendar.ics", marked);
        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.header("Content-Type").orElseThrow()).startsWith("text/calendar");
        assertThat(calendar.body())
                .startsWith("BEGIN:VCALENDAR")
                .contains("UID:" + sessions.get(0) + "@aic")
                .contains("UID:" + sessions.get(3) + "@aic")
                .contains("LOCATION:Hall");
        assertThat(calendar.body().split("BEGIN:VEVENT", -1)).hasSize(3);
        assertThat(query(member, agenda + "/mine", marked).json().get("sessions")).hasSize(2);
        assertThat(memberId).isNotBlank();
    }

    private JsonNode find(JsonNode agenda, String sessionId) {
        for (JsonNode session : agenda.get("sessions")) {
            if (session.get("sessionId").asText().equals(sessionId)) {
                return session;
            }
        }
        throw new AssertionError("No session " + sessionId + " in " + agenda);
    }

    private String draft(String organiser, Instant start) {
        String draft =
                json().put("title", "Agenda conference")
                        .put("startsAt", start.toString())
                        .put("endsAt", start.plus(Duration.ofHours(10)).toString())
                        .put("timeZone", "Europe/Amsterdam")
                        .put("venue", "Congress centre")
                        .put("capacity", 300)
                        .put("visibility", "PUBLIC")
                        .toString();
        return id(command(organiser, "POST", "/api/events", draft));
    }

    private String register(String token) {
        Http.Reply reply = Http.to(platform.commandSide().url("/api/me")).bearer(token).post("{}");
        assertThat(reply.status()).as(reply.toString()).isIn(201, 409);
        return reply.status() == 201
                ? reply.json().get("id").asText()
                : reply.json().get("userId").asText();
    }

    private Http.Reply command(String token, String method, String path, String body) {
        Http.Reply reply =
                Http.to(platform.commandSide().url(path)).bearer(token).sendJson(method, body);
        assertThat(reply.status()).as(reply.toString()).isLessThan(300);
        return reply;
    }

    /**
     * Reads the query-side after {@code after}: its consistency token makes the read wait for that
     * write.
     */
    private Http.Reply query(String token, String path, Http.Reply after) {
        return Http.to(platform.querySide().url(path))
                .bearer(token)
                .header("Consistency-Token", after.header("Consistency-Token").orElseThrow())
                .get();
    }

    private static String id(Http.Reply reply) {
        return reply.json().get("id").asText();
    }

    private static ObjectNode json() {
        return Http.JSON.createObjectNode();
    }
}
