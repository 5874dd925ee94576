package dev.aic.queryside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aic.contracts.user.EmailTopic;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.Api;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.queryside.search.BatchedDocuments;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class UserProjectionIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired UserSearchIndex searchIndex;
    @Autowired UserProfileProjection profileProjection;
    @Autowired UserSearchProjection searchProjection;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    UserEvents events;
    Api api;

    @BeforeEach
    void connect() {
        events = new UserEvents(eventStore, jdbc);
        api = new Api(http);
    }

    @Test
    void everyUserEventReachesTheTableAndTheSearchIndex() throws Exception {
        UserId id = events.register("Ada Lovelace");
        events.publish(
                new UserEvent.IdentityLinked(id, "https://login.example.org", "ada-subject"));
        events.publish(
                new UserEvent.ProfileUpdated(
                        id,
                        "Ada King",
                        "Analyst of engines",
                        List.of("mathematics", "poetry"),
                        "media/avatars/ada.png"));
        events.publish(new UserEvent.RolesChanged(id, List.of(Role.MEMBER, Role.ORGANIZER)));
        events.publish(new UserEvent.Deactivated(id, "asked to leave"));

        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(row(id))
                                    .containsEntry("version", 4L)
                                    .containsEntry("active", false);
                            assertThat(document(id))
                                    .hasValueSatisfying(
                                            indexed -> assertThat(indexed.version()).isEqualTo(5));
                        });
        Map<String, Object> deactivated = row(id);
        assertThat(deactivated)
                .containsEntry("email", UserEvents.emailOf(id))
                .containsEntry("display_name", "Ada King")
                .containsEntry("bio", "Analyst of engines")
                .containsEntry("avatar_ref", "media/avatars/ada.png")
                .containsEntry("issuer", "https://login.example.org")
                .containsEntry("subject", "ada-subject");
        assertThat(strings(deactivated.get("interests"))).containsExactly("mathematics", "poetry");
        assertThat(strings(deactivated.get("roles"))).containsExactly("MEMBER", "ORGANIZER");
        UserDocument stillIndexed = document(id).orElseThrow().document();
        assertThat(stillIndexed.active()).isFalse();
        assertThat(stillIndexed.displayName()).isEqualTo("Ada King");
        assertThat(stillIndexed.roles()).containsExactly(Role.MEMBER, Role.ORGANIZER);
        assertThat(stillIndexed.interests()).containsExactly("mathematics", "poetry");
        assertThat(stillIndexed.email()).isEqualTo(UserEvents.emailOf(id));

        events.publish(new UserEvent.Reactivated(id));
        events.publish(
                new UserEvent.EmailPreferencesChanged(id, List.of(EmailTopic.EVENT_REMINDER)));

        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            // the version follows every event, so the ETag a client reads is the
                            // one the command-side expects
                            assertThat(row(id))
                                    .containsEntry("version", 6L)
                                    .containsEntry("active", true);
                            assertThat(strings(row(id).get("email_unsubscribed")))
                                    .containsExactly("EVENT_REMINDER");
                            assertThat(document(id).orElseThrow().document().active()).isTrue();
                        });
    }

    @Test
    void aMemberStoredUnderTheFormerEventNamesIsProjectedAsOneStoredToday() throws Exception {
        UserId id = new UserId(UUID.randomUUID());
        // as an earlier release stored them: today's bytes under the top-level class names of then
        storedAs("UserRegistered", new UserEvent.Registered(id, UserEvents.emailOf(id), "Olga"));
        storedAs(
                "UserIdentityLinked",
                new UserEvent.IdentityLinked(id, "https://login.example.org", "olga-subject"));
        storedAs(
                "UserProfileUpdated",
                new UserEvent.ProfileUpdated(
                        id, "Olga Older", "Joined long ago", List.of("telescopes"), null));
        storedAs("UserRolesChanged", new UserEvent.RolesChanged(id, List.of(Role.ORGANIZER)));
        storedAs(
                "EmailPreferencesChanged",
                new UserEvent.EmailPreferencesChanged(id, List.of(EmailTopic.EVENT_CANCELLATION)));
        storedAs("UserDeactivated", new UserEvent.Deactivated(id, "away"));
        storedAs("UserReactivated", new UserEvent.Reactivated(id));

        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(row(id))
                                    .containsEntry("version", 6L)
                                    .containsEntry("active", true)
                                    .containsEntry("email", UserEvents.emailOf(id))
                                    .containsEntry("display_name", "Olga Older")
                                    .containsEntry("subject", "olga-subject");
                            assertThat(document(id))
                                    .hasValueSatisfying(
                                            indexed -> assertThat(indexed.version()).isEqualTo(7));
                        });
        assertThat(strings(row(id).get("roles"))).containsExactly("ORGANIZER");
        assertThat(strings(row(id).get("email_unsubscribed")))
                .containsExactly("EVENT_CANCELLATION");
        assertThat(document(id).orElseThrow().document().displayName()).isEqualTo("Olga Older");

        storedAs("MemberErased", new UserEvent.Erased(id, "request 2025-7"));

        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(row(id))
                                        .containsEntry("version", 7L)
                                        .containsEntry("display_name", "erased member"));
    }

    private void storedAs(String formerName, UserEvent event) {
        events.publishStored(
                event.userId(),
                "dev.aic.contracts.user." + formerName,
                serializer.serialize(event, byte[].class).getData());
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        UserId id = events.register("Grace Hopper");
        events.publish(
                new UserEvent.ProfileUpdated(id, "Grace Brewster Hopper", null, List.of(), null));
        events.publish(new UserEvent.RolesChanged(id, List.of(Role.ADMIN)));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(row(id)).containsEntry("version", 2L);
                            assertThat(document(id).orElseThrow().version()).isEqualTo(3);
                        });
        String rowBefore = snapshot(id);
        UserDocument documentBefore = document(id).orElseThrow().document();

        // the profile update (sequence number 1) arrives again, after the role change it preceded
        var stale =
                new UserEvent.ProfileUpdated(id, "Grace Hopper", "stale", List.of("stale"), null);
        profileProjection.on(stale, 1, Instant.now());
        searchProjection.on(stale, 1);
        profileProjection.on(new UserEvent.Deactivated(id, "stale"), 2, Instant.now());
        searchProjection.on(new UserEvent.Deactivated(id, "stale"), 2);

        assertThat(snapshot(id)).isEqualTo(rowBefore);
        assertThat(document(id).orElseThrow())
                .isEqualTo(new BatchedDocuments.Indexed<>(documentBefore, 3));
    }

    @Test
    void replayingEveryEventRebuildsTheSameReadModelsWithoutDuplicates() {
        UserId id = events.register("Katherine Johnson");
        events.publish(
                new UserEvent.ProfileUpdated(
                        id, "Katherine Johnson", "Computed trajectories", List.of("orbits"), null));
        events.publish(new UserEvent.Deactivated(id, null));
        long head = events.head();
        StreamingEventProcessor table = processor(ProjectionNames.USERS);
        StreamingEventProcessor index = processor(ProjectionNames.USERS_SEARCH);
        await().atMost(PROJECTION_DEADLINE)
                .until(() -> caughtUp(table, head) && caughtUp(index, head));
        List<String> rowsBefore = snapshot();
        Map<UUID, BatchedDocuments.Indexed<UserDocument>> documentsBefore = documentsOfEveryUser();

        replay(table);
        replay(index);

        await().atMost(PROJECTION_DEADLINE)
                .until(() -> caughtUp(table, head) && caughtUp(index, head));
        assertThat(snapshot()).isEqualTo(rowsBefore);
        assertThat(documentsOfEveryUser()).isEqualTo(documentsBefore);
        assertThat(documentsBefore).hasSize(rowsBefore.size());
        assertThat(documentsBefore.get(id.value()).document().active()).isFalse();
    }

    @Test
    void anUnknownUserIsANotFoundProblem() {
        ResponseEntity<Map> response = api.get("adam", "/api/users/" + UUID.randomUUID());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "urn:aic:problem:not-found");
    }

    @Test
    void aMalformedIdOrLimitIsABadRequestProblem() {
        assertThat(api.get("alice", "/api/users/not-a-uuid").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map> tooMany = api.get("alice", "/api/users?limit=1000");
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(tooMany.getBody()).containsEntry("type", "urn:aic:problem:validation");
    }

    @Test
    void theApiIsDescribedByOpenApiWithTheConsistencyTokenOnEveryQuery() throws Exception {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode api = new ObjectMapper().readTree(docs.getBody());
        assertThat(api.at("/components/schemas").fieldNames())
                .toIterable()
                .contains("UserView", "UserPage", "Problem");
        for (String path : List.of("/api/me", "/api/users", "/api/users/{id}")) {
            JsonNode get = api.at("/paths/" + path.replace("/", "~1") + "/get");
            Set<String> headers = names(get.get("parameters"), "header");
            assertThat(headers).as(path).contains("Consistency-Token");
            assertThat(get.at("/responses").fieldNames())
                    .toIterable()
                    .as(path)
                    .contains("200", "202", "401", "403");
        }
        assertThat(api.at("/paths/~1api~1users~1{id}/get/responses").has("404")).isTrue();
        assertThat(names(api.at("/paths/~1api~1users/get/parameters"), "query"))
                .contains("q", "sort", "role", "active", "limit", "cursor");
        assertThat(api.at("/components/securitySchemes").has("bearer-jwt")).isTrue();
    }

    private Map<String, Object> row(UserId id) {
        return jdbc.queryForList("SELECT * FROM user_profile WHERE id = ?", id.value()).stream()
                .findFirst()
                .orElse(Map.of());
    }

    private java.util.Optional<BatchedDocuments.Indexed<UserDocument>> document(UserId id) {
        return searchIndex.current(id.value());
    }

    /** Every row as JSON text, so that arrays and timestamps compare by value. */
    private List<String> snapshot() {
        return jdbc.queryForList(
                "SELECT to_jsonb(p)::text FROM user_profile p ORDER BY id", String.class);
    }

    private String snapshot(UserId id) {
        return jdbc.queryForObject(
                "SELECT to_jsonb(p)::text FROM user_profile p WHERE id = ?",
                String.class,
                id.value());
    }

    /** The indexed document of every user in the table. */
    private Map<UUID, BatchedDocuments.Indexed<UserDocument>> documentsOfEveryUser() {
        return jdbc.queryForList("SELECT id FROM user_profile", UUID.class).stream()
                .collect(Collectors.toMap(id -> id, id -> searchIndex.current(id).orElseThrow()));
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }

    private static void replay(StreamingEventProcessor processor) {
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long head) {
        return processor.processingStatus().size() == 1
                && processor.processingStatus().values().stream()
                        .allMatch(
                                status ->
                                        status.isCaughtUp()
                                                && status.getCurrentPosition().orElse(-1) >= head);
    }

    private static Set<String> names(JsonNode parameters, String in) {
        Set<String> names = new java.util.HashSet<>();
        parameters.forEach(
                parameter -> {
                    if (in.equals(parameter.path("in").asText())) {
                        names.add(parameter.path("name").asText());
                    }
                });
        return names;
    }

    private static List<String> strings(Object sqlArray) throws java.sql.SQLException {
        return List.of((String[]) ((java.sql.Array) sqlArray).getArray());
    }
}
