package dev.aic.queryside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.Api;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who sees which users, and how much of them. */
@QuerySideIntegrationTest
class UserVisibilityIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);
    private static final List<String> FULL =
            List.of(
                    "id",
                    "email",
                    "displayName",
                    "bio",
                    "interests",
                    "avatarRef",
                    "roles",
                    "active",
                    "registeredAt",
                    "version");

    /**
     * Read by id or as /api/me, the full view also has the e-mail choices; listings come from the
     * index, which has none.
     */
    private static final List<String> FULL_BY_ID =
            java.util.stream.Stream.concat(
                            FULL.stream(), java.util.stream.Stream.of("emailUnsubscribed"))
                    .toList();

    private static final List<String> PUBLIC =
            List.of("id", "displayName", "bio", "interests", "avatarRef");

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;

    UserEvents events;
    Api api;

    @BeforeEach
    void connect() {
        events = new UserEvents(eventStore, jdbc);
        api = new Api(http);
    }

    @Test
    void theUserThemselfAdministratorsAndAuditorsSeeTheWholeProfile() {
        String username = UserEvents.newUsername();
        UserId id =
                withProfile(
                        events.registerAs(username, "Mary Somerville"),
                        "Mary Somerville",
                        "Wrote on the connexion of the physical sciences",
                        List.of("physics"),
                        "media/avatars/mary.png");
        String path = "/api/users/" + id;

        // erin has no role of her own: her directory group is mapped to ADMIN in the configuration
        for (String caller : List.of(username, "adam", "audrey", "erin")) {
            ResponseEntity<Map> response = api.get(caller, path);
            assertThat(response.getStatusCode()).as(caller).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody())
                    .as(caller)
                    .containsOnlyKeys(FULL_BY_ID)
                    .containsEntry("email", UserEvents.emailOf(id))
                    .containsEntry("roles", List.of("MEMBER"))
                    .containsEntry("active", true)
                    .containsEntry("version", 2);
            assertThat(response.getHeaders().getETag()).as(caller).isEqualTo("\"2\"");
        }
    }

    @Test
    void otherMembersSeeThePublicProfileOnly() {
        UserId id =
                withProfile(
                        events.register("Caroline Herschel"),
                        "Caroline Herschel",
                        "Found comets",
                        List.of("astronomy"),
                        "media/avatars/caroline.png");

        ResponseEntity<Map> response = api.get("alice", "/api/users/" + id);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody())
                .containsOnlyKeys(PUBLIC)
                .containsEntry("displayName", "Caroline Herschel")
                .containsEntry("bio", "Found comets")
                .containsEntry("interests", List.of("astronomy"))
                .containsEntry("avatarRef", "media/avatars/caroline.png");
        assertThat(response.getHeaders().getETag()).isEqualTo("\"1\"");
    }

    @Test
    void aDeactivatedUserIsHiddenFromMembersButNotFromAdministratorsAndAuditors() {
        UserId id = events.register("Gone Away");
        events.publish(new UserEvent.Deactivated(id, "left"));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(api.get("adam", "/api/users/" + id).getBody())
                                        .containsEntry("active", false));

        ResponseEntity<Map> member = api.get("bob", "/api/users/" + id);
        assertThat(member.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(member.getBody()).containsEntry("type", "urn:aic:problem:not-found");
        assertThat(api.get("audrey", "/api/users/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(ids(api.get("adam", "/api/users?active=false&limit=100")))
                .contains(id.toString());
        assertThat(ids(api.get("bob", "/api/users?active=false&limit=100"))).isEmpty();
        assertThat(ids(api.get("bob", "/api/users?sort=displayName&limit=100")))
                .doesNotContain(id.toString());
    }

    @Test
    void aMemberFindsOthersBySearchButSeesOnlyTheirPublicProfile() {
        UserId id =
                withProfile(
                        events.register("Hypatia"),
                        "Hypatia Alexandrina",
                        "Taught mathematics",
                        List.of("geometry"),
                        "media/avatars/hypatia.png");
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(ids(api.get("alice", "/api/users?q=hypat alex")))
                                        .contains(id.toString()));

        Map<String, Object> found =
                items(api.get("alice", "/api/users?q=hypatia")).stream()
                        .filter(item -> item.get("id").equals(id.toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(found).containsOnlyKeys(PUBLIC);
        // an e-mail address is not a member's to look up: nobody learns who owns one
        assertThat(ids(api.get("alice", "/api/users?q=" + UserEvents.emailOf(id)))).isEmpty();
        assertThat(ids(api.get("adam", "/api/users?q=" + UserEvents.emailOf(id))))
                .containsExactly(id.toString());
        Map<String, Object> asAuditor =
                items(api.get("audrey", "/api/users?q=hypat")).stream()
                        .filter(item -> item.get("id").equals(id.toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(asAuditor).containsOnlyKeys(FULL).containsEntry("version", 1);
    }

    @Test
    void withoutATokenNothingButHealthAndTheApiDocumentsAnswers() {
        for (String path : List.of("/api/me", "/api/users", "/api/users/" + UUID.randomUUID())) {
            ResponseEntity<Map> response = api.get(null, path);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getContentType())
                    .as(path)
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody())
                    .as(path)
                    .containsEntry("type", "urn:aic:problem:unauthenticated");
        }
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void someoneSignedInWithoutARoleMayNotListUsersAndIsNotRegistered() {
        ResponseEntity<Map> list = api.get("newbie", "/api/users");
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(list.getBody()).containsEntry("type", "urn:aic:problem:forbidden");
        assertThat(api.get("newbie", "/api/users/" + UUID.randomUUID()).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<Map> me = api.get("newbie", "/api/me");
        assertThat(me.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(me.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(me.getBody()).containsEntry("type", "urn:aic:problem:not-registered");
    }

    @Test
    void meIsTheCallersOwnWholeProfile() {
        String username = UserEvents.newUsername();
        UserId id = events.registerAs(username, "Emmy Noether");
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(api.get(username, "/api/me").getStatusCode())
                                        .isEqualTo(HttpStatus.OK));

        ResponseEntity<Map> me = api.get(username, "/api/me");
        // no bio or avatar yet: absent, not null
        assertThat(me.getBody())
                .containsOnlyKeys(
                        "id",
                        "email",
                        "displayName",
                        "interests",
                        "roles",
                        "active",
                        "registeredAt",
                        "version",
                        "emailUnsubscribed")
                .containsEntry("id", id.toString())
                .containsEntry("displayName", "Emmy Noether");
        assertThat(me.getHeaders().getETag()).isEqualTo("\"1\"");
    }

    /** Gives the user a whole profile and waits until it can be read. */
    private UserId withProfile(
            UserId id, String name, String bio, List<String> interests, String avatarRef) {
        events.publish(new UserEvent.ProfileUpdated(id, name, bio, interests, avatarRef));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(api.get("adam", "/api/users/" + id).getBody())
                                        .containsEntry("bio", bio));
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ResponseEntity<Map> page) {
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return (List<Map<String, Object>>) page.getBody().get("items");
    }

    private static List<String> ids(ResponseEntity<Map> page) {
        return items(page).stream().map(item -> (String) item.get("id")).toList();
    }
}
