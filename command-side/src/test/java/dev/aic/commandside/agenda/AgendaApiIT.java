package dev.aic.commandside.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.commandside.Api;
import dev.aic.contracts.agenda.AgendaEvent;
import dev.aic.contracts.agenda.Placement;
import dev.aic.contracts.agenda.Score;
import dev.aic.contracts.integration.AgendaSolveReport;
import dev.aic.contracts.integration.AgendaSolveRequestedIntegrationEvent;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.testsupport.AdminKafka;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The agenda API over real HTTP: an organiser builds an agenda and the hard rules answer as
 * problems.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class AgendaApiIT {

    private static final String OLIVIA = "olivia";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;

    /** Plays the topic's writer: the service's own principal may not write there. */
    KafkaTemplate<String, String> kafka = AdminKafka.template();

    @Autowired ObjectMapper json;
    @Autowired EventStore eventStore;
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
        ResponseEntity<Map> opened =
                api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda", null);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String agenda = "/api/events/" + event + "/agenda";

        String hall =
                created(
                        OLIVIA,
                        agenda + "/rooms",
                        Map.of("name", "Hall", "capacity", 100, "equipment", List.of("projector")));
        Instant start = startsAt();
        String slot =
                created(
                        OLIVIA,
                        agenda + "/slots",
                        Map.of(
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plus(Duration.ofHours(1)).toString(),
                                "roomIds",
                                List.of(hall)));
        String keynote = created(OLIVIA, agenda + "/sessions", session("Keynote", ada));
        String workshop = created(OLIVIA, agenda + "/sessions", session("Workshop", ada));

        assertThat(
                        api.call(
                                        OLIVIA,
                                        HttpMethod.PUT,
                                        agenda + "/sessions/" + keynote + "/placement",
                                        Map.of("slotId", slot, "roomId", hall))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> refused =
                api.call(
                        OLIVIA,
                        HttpMethod.PUT,
                        agenda + "/sessions/" + workshop + "/placement",
                        Map.of("slotId", slot, "roomId", hall));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(refused.getBody())
                .containsEntry("type", "urn:aic:problem:room-double-booked")
                .containsEntry("rule", "ROOM_DOUBLE_BOOKED")
                .containsEntry("sessionId", workshop)
                .containsEntry("conflictingSessionId", keynote);
        assertThat(api.call(OLIVIA, HttpMethod.POST, agenda + "/publish", null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(payloadTypes(opened.getBody().get("id").toString()))
                .containsExactly(
                        "Opened",
                        "RoomDefined",
                        "SlotDefined",
                        "SessionDefined",
                        "SessionDefined",
                        "SessionPlaced",
                        "Published");
    }

    @Test
    void onlyTheEventsOrganisersOpenItsAgendaOnceAndChangeIt() {
        register("ag-mallory");
        String event = draftedEvent();
        assertThat(
                        api.call(
                                        "ag-mallory",
                                        HttpMethod.POST,
                                        "/api/events/" + event + "/agenda",
                                        null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(
                        api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Map> again =
                api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda", null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).hasToString("application/problem+json");
        ResponseEntity<Map> room =
                api.call(
                        "ag-mallory",
                        HttpMethod.POST,
                        "/api/events/" + event + "/agenda/rooms",
                        Map.of("name", "Broom closet", "capacity", 2));
        assertThat(room.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(room.getBody()).containsEntry("type", "urn:aic:problem:forbidden");
    }

    @Test
    void aSessionWithoutAudienceOrTitleIsABadRequest() {
        String event = draftedEvent();
        api.call(OLIVIA, HttpMethod.POST, "/api/events/" + event + "/agenda", null);
        ResponseEntity<Map> bad =
                api.call(
                        OLIVIA,
                        HttpMethod.POST,
                        "/api/events/" + event + "/agenda/sessions",
                        Map.of("speakers", List.of(), "durationMinutes", 0));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void
            aSolveRequestGoesToKafkaAndTheAiWorkersReportsBecomeAttributedEventsThatTheOrganiserAccepts()
                    throws Exception {
        String ada = register("ag-ada");
        String event = draftedEvent();
        String agenda = "/api/events/" + event + "/agenda";
        String agendaId =
                (String) api.call(OLIVIA, HttpMethod.POST, agenda, null).getBody().get("id");
        String hall = created(OLIVIA, agenda + "/rooms", Map.of("name", "Hall", "capacity", 100));
        Instant start = startsAt();
        String slot =
                created(
                        OLIVIA,
                        agenda + "/slots",
                        Map.of(
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plus(Duration.ofHours(1)).toString(),
                                "roomIds",
                                List.of(hall)));
        String keynote = created(OLIVIA, agenda + "/sessions", session("Keynote", ada));

        ResponseEntity<Map> requested =
                api.call(
                        OLIVIA,
                        HttpMethod.POST,
                        agenda + "/solves",
                        Map.of("timeBudgetSeconds", 5));
        assertThat(requested.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        UUID solve = UUID.fromString((String) requested.getBody().get("id"));
        AgendaSolveRequestedIntegrationEvent published = publishedRequest(agendaId, solve);
        assertThat(published.timeBudgetSeconds()).isEqualTo(5);
        assertThat(published.plan().sessions())
                .extracting(s -> s.sessionId().toString())
                .containsExactly(keynote);

        Placement placement =
                new Placement(
                        UUID.fromString(keynote), UUID.fromString(slot), UUID.fromString(hall));
        report(
                new AgendaSolveReport.Progressed(
                        UUID.fromString(agendaId), solve, new Score(-1, -10), 800));
        report(
                new AgendaSolveReport.Proposed(
                        UUID.fromString(agendaId),
                        solve,
                        new Score(0, 0),
                        List.of(placement),
                        List.of(),
                        List.of(),
                        1200));
        report(
                new AgendaSolveReport.Proposed(
                        UUID.fromString(agendaId),
                        solve,
                        new Score(0, 0),
                        List.of(placement),
                        List.of(),
                        List.of(),
                        1200));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> payloadTypes(agendaId).contains("ProposalReceived"));
        DomainEventMessage<?> proposal =
                eventStore
                        .readEvents(agendaId, 0)
                        .asStream()
                        .filter(
                                message ->
                                        message.getPayload()
                                                instanceof AgendaEvent.ProposalReceived)
                        .findFirst()
                        .orElseThrow();
        assertThat(proposal.getMetaData())
                .containsEntry("actorSubject", "service#ai-worker")
                .containsEntry("command", "AgendaCommands.RecordProposal");

        assertThat(
                        api.call(
                                        OLIVIA,
                                        HttpMethod.POST,
                                        agenda + "/solves/" + solve + "/accept",
                                        null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(payloadTypes(agendaId))
                .containsSubsequence(
                        "SolveRequested",
                        "SolveProgressed",
                        "ProposalReceived",
                        "ProposalAccepted",
                        "SessionPlaced");
        assertThat(payloadTypes(agendaId).stream().filter("ProposalReceived"::equals)).hasSize(1);
        DomainEventMessage<?> accepted =
                eventStore
                        .readEvents(agendaId, 0)
                        .asStream()
                        .filter(
                                message ->
                                        message.getPayload()
                                                instanceof AgendaEvent.ProposalAccepted)
                        .findFirst()
                        .orElseThrow();
        assertThat(accepted.getMetaData().get("actorId")).isEqualTo(register(OLIVIA));
    }

    private void report(AgendaSolveReport report) throws Exception {
        var record =
                new ProducerRecord<>(
                        Topics.AGENDA_SOLVE_REPORTS,
                        report.agendaId().toString(),
                        json.writeValueAsString(report));
        record.headers()
                .add(
                        IntegrationHeaders.EVENT_ID,
                        UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        IntegrationHeaders.EVENT_TYPE,
                        report.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }

    private AgendaSolveRequestedIntegrationEvent publishedRequest(String agendaId, UUID solve) {
        Properties config = new Properties();
        config.putAll(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AtomicReference<AgendaSolveRequestedIntegrationEvent> found = new AtomicReference<>();
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.AGENDA_SOLVE_REQUESTS));
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(500))) {
                                    if (agendaId.equals(record.key())) {
                                        var request =
                                                json.readValue(
                                                        record.value(),
                                                        AgendaSolveRequestedIntegrationEvent.class);
                                        if (request.solveId().equals(solve)) {
                                            found.set(request);
                                        }
                                    }
                                }
                                return found.get() != null;
                            });
        }
        return found.get();
    }

    private String created(String user, String path, Object body) {
        ResponseEntity<Map> response = api.call(user, HttpMethod.POST, path, body);
        assertThat(response.getStatusCode())
                .as(path + " " + response.getBody())
                .isEqualTo(HttpStatus.CREATED);
        return (String) response.getBody().get("id");
    }

    private static Map<String, Object> session(String title, String speaker) {
        return Map.of(
                "title",
                title,
                "speakers",
                List.of(speaker),
                "durationMinutes",
                45,
                "track",
                "nlp",
                "expectedAudience",
                40);
    }

    private String draftedEvent() {
        Instant start = startsAt().minus(Duration.ofHours(1));
        ResponseEntity<Map> drafted =
                api.call(
                        OLIVIA,
                        HttpMethod.POST,
                        "/api/events",
                        Map.of(
                                "title",
                                "Conference",
                                "venue",
                                "Congress centre",
                                "startsAt",
                                start.toString(),
                                "endsAt",
                                start.plus(Duration.ofHours(9)).toString(),
                                "timeZone",
                                "Europe/Amsterdam",
                                "capacity",
                                300,
                                "visibility",
                                "PUBLIC"));
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
                ? (String) response.getBody().get("id")
                : (String) response.getBody().get("userId");
    }

    private List<String> payloadTypes(String id) {
        return jdbc.queryForList(
                """
                SELECT substring(payloadtype from '\\$([A-Za-z]+)$') FROM domainevententry
                WHERE aggregateidentifier = ? ORDER BY sequencenumber""",
                String.class,
                id);
    }
}
