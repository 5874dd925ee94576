package dev.aic.queryside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.Api;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Walking every page of a listing yields every user exactly once, in order, whatever the page size
 * and however many users share a name or a registration instant.
 */
@QuerySideIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserPaginationIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;

    UserEvents events;
    Api api;

    /** A surname no earlier run used, so searches find this run's users only. */
    String clan;

    final List<UserId> clanMembers = new ArrayList<>();

    @BeforeAll
    void manyUsersSomeAlike() {
        events = new UserEvents(eventStore, jdbc);
        api = new Api(http);
        clan = randomWord();
        Instant sameInstant = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 7; i++) {
            // seven namesakes, four of them registered at the very same instant
            Instant at = i < 4 ? sameInstant : Instant.now();
            clanMembers.add(events.register("Same " + clan, at));
        }
        for (String first : List.of("alice", "Bob", "émile", "Zed", "zoë", "Åsa")) {
            clanMembers.add(events.register(first + " " + clan));
        }
        events.publish(new UserEvent.RolesChanged(clanMembers.get(0), List.of(Role.ORGANIZER)));
        events.publish(
                new UserEvent.RolesChanged(
                        clanMembers.get(8), List.of(Role.MEMBER, Role.ORGANIZER)));
        events.publish(new UserEvent.RolesChanged(clanMembers.get(9), List.of(Role.ORGANIZER)));
        events.publish(new UserEvent.Deactivated(clanMembers.get(1), null));
        events.publish(new UserEvent.Deactivated(clanMembers.get(10), null));
        long head = events.head();
        await().atMost(PROJECTION_DEADLINE)
                .until(
                        () ->
                                caughtUp(ProjectionNames.USERS, head)
                                        && caughtUp(ProjectionNames.USERS_SEARCH, head));
    }

    @Test
    void newestFirstWalksEveryUserOnceWithTheIdBreakingTies() {
        List<Map<String, Object>> walked = walk("adam", "/api/users?limit=4");

        assertThat(ids(walked))
                .doesNotHaveDuplicates()
                .isEqualTo(
                        expected(
                                "SELECT id FROM user_profile ORDER BY registered_at DESC, id DESC"));
        for (int i = 1; i < walked.size(); i++) {
            Instant previous = Instant.parse((String) walked.get(i - 1).get("registeredAt"));
            Instant current = Instant.parse((String) walked.get(i).get("registeredAt"));
            assertThat(current).isBeforeOrEqualTo(previous);
            if (current.equals(previous)) {
                assertThat((String) walked.get(i).get("id"))
                        .isLessThan((String) walked.get(i - 1).get("id"));
            }
        }
    }

    @Test
    void oldestFirstWalksEveryUserOnce() {
        List<Map<String, Object>> walked = walk("audrey", "/api/users?sort=registeredAt&limit=3");

        assertThat(ids(walked))
                .doesNotHaveDuplicates()
                .isEqualTo(expected("SELECT id FROM user_profile ORDER BY registered_at, id"));
    }

    @Test
    void byNameWalksEveryActiveUserOnceAsPeopleSortNames() {
        List<Map<String, Object>> walked = walk("alice", "/api/users?sort=displayName&limit=5");

        assertThat(ids(walked))
                .doesNotHaveDuplicates()
                .isEqualTo(
                        expected(
                                "SELECT id FROM user_profile WHERE active ORDER BY display_name COLLATE \"und-x-icu\", id"));
        List<String> clanNames =
                walked.stream()
                        .map(item -> (String) item.get("displayName"))
                        .filter(name -> name.endsWith(" " + clan))
                        .map(name -> name.substring(0, name.indexOf(' ')))
                        .toList();
        // one namesake and Zed are deactivated
        assertThat(clanNames)
                .containsExactly(
                        "alice", "Åsa", "Bob", "émile", "Same", "Same", "Same", "Same", "Same",
                        "Same", "zoë");
        assertThat(walked).allSatisfy(item -> assertThat(item).doesNotContainKey("active"));
    }

    @Test
    void filtersApplyToEveryPage() {
        List<String> organizers =
                ids(walk("adam", "/api/users?role=ORGANIZER&sort=displayName&limit=1"));
        assertThat(organizers)
                .doesNotHaveDuplicates()
                .isEqualTo(
                        expected(
                                "SELECT id FROM user_profile WHERE 'ORGANIZER' = ANY (roles) ORDER BY display_name COLLATE \"und-x-icu\", id"));
        assertThat(organizers)
                .contains(
                        clanMembers.get(0).toString(),
                        clanMembers.get(8).toString(),
                        clanMembers.get(9).toString());

        List<String> deactivated = ids(walk("adam", "/api/users?active=false&limit=1"));
        assertThat(deactivated)
                .isEqualTo(
                        expected(
                                "SELECT id FROM user_profile WHERE NOT active ORDER BY registered_at DESC, id DESC"));
        assertThat(deactivated)
                .contains(clanMembers.get(1).toString(), clanMembers.get(10).toString());
    }

    @Test
    void searchResultsWalkByRelevanceThenIdWithoutRepeats() {
        List<Map<String, Object>> walked = walk("adam", "/api/users?q=" + clan + "&limit=3");

        assertThat(ids(walked))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        clanMembers.stream().map(UserId::toString).toList());
        List<String> namesakes =
                walked.stream()
                        .filter(item -> item.get("displayName").equals("Same " + clan))
                        .map(item -> (String) item.get("id"))
                        .toList();
        assertThat(namesakes).hasSize(7).isSorted();

        List<String> activeOrganizers =
                ids(walk("adam", "/api/users?q=" + clan + "&role=ORGANIZER&active=true&limit=1"));
        assertThat(activeOrganizers)
                .containsExactlyInAnyOrder(
                        clanMembers.get(0).toString(),
                        clanMembers.get(8).toString(),
                        clanMembers.get(9).toString());
    }

    @Test
    void onlyThoseWhoSeeFullViewsListUsersByRole() {
        for (String path :
                List.of("/api/users?role=ADMIN", "/api/users?q=" + clan + "&role=ORGANIZER")) {
            assertThat(api.get("bob", path).getStatusCode())
                    .as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(api.get("audrey", path).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void aCursorThatWasAlteredOrBelongsToAnotherListingIsRefused() {
        String cursor = nextCursor(api.get("adam", "/api/users?sort=displayName&limit=2"));
        String searchCursor = nextCursor(api.get("adam", "/api/users?q=" + clan + "&limit=2"));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        bytes[bytes.length - 3] ^= 0x01;
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        for (String path :
                List.of(
                        "/api/users?sort=displayName&limit=2&cursor=" + altered,
                        "/api/users?sort=displayName&limit=2&cursor="
                                + cursor.substring(0, cursor.length() - 4),
                        "/api/users?sort=displayName&limit=2&cursor=not*base64",
                        "/api/users?sort=displayName&limit=2&cursor=" + "A".repeat(40),
                        "/api/users?sort=registeredAt&limit=2&cursor=" + cursor,
                        "/api/users?sort=displayName&role=ADMIN&limit=2&cursor=" + cursor,
                        "/api/users?q=" + clan + "&limit=2&cursor=" + cursor,
                        "/api/users?q=other&limit=2&cursor=" + searchCursor)) {
            ResponseEntity<Map> response = api.get("adam", path);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody())
                    .as(path)
                    .containsEntry("type", "urn:aic:problem:invalid-cursor");
        }
        assertThat(
                        api.get("adam", "/api/users?sort=displayName&limit=2&cursor=" + cursor)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aCursorShowsNoRegistrationTimeAndOneForgedWithoutTheServicesKeyIsRefused()
            throws Exception {
        ResponseEntity<Map> first = api.get("adam", "/api/users?sort=-registeredAt&limit=2");
        String cursor = nextCursor(first);
        Map<String, Object> last = items(first).get(1);
        String inside =
                new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);

        assertThat(inside)
                .as("the cursor, decoded")
                .doesNotContain(((String) last.get("registeredAt")).substring(0, 10))
                .doesNotContain((String) last.get("id"));

        // the checksummed format a client could read in the sources, resuming where it likes
        String forged =
                checksummed(
                        "list;sort=-registeredAt;role=null;active=null",
                        List.of("1970-01-01T00:00:00Z", (String) last.get("id")));
        ResponseEntity<Map> response =
                api.get("adam", "/api/users?sort=-registeredAt&limit=2&cursor=" + forged);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("type", "urn:aic:problem:invalid-cursor");
    }

    private static String checksummed(String query, List<String> keys) throws Exception {
        byte[] fingerprint =
                java.util.Arrays.copyOf(sha256(query.getBytes(StandardCharsets.UTF_8)), 12);
        byte[] payload =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsBytes(
                                Map.of(
                                        "q",
                                        Base64.getUrlEncoder()
                                                .withoutPadding()
                                                .encodeToString(fingerprint),
                                        "k",
                                        keys));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ByteBuffer.allocate(8 + payload.length)
                                .put(sha256(payload), 0, 8)
                                .put(payload)
                                .array());
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    @Test
    void anUnknownSortRoleOrFlagIsAValidationProblemNamingTheParameter() {
        Map<String, String> invalid =
                Map.of(
                        "sort=name", "sort",
                        "sort=-displayName", "sort",
                        "role=KING", "role",
                        "active=maybe", "active",
                        "limit=0", "limit",
                        "limit=lots", "limit");
        invalid.forEach(
                (query, parameter) -> {
                    ResponseEntity<Map> response = api.get("alice", "/api/users?" + query);
                    assertThat(response.getStatusCode())
                            .as(query)
                            .isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(response.getBody())
                            .as(query)
                            .containsEntry("type", "urn:aic:problem:validation");
                    assertThat((List<?>) response.getBody().get("errors"))
                            .as(query)
                            .anySatisfy(
                                    error ->
                                            assertThat((Map<Object, Object>) error)
                                                    .containsEntry("field", parameter));
                });
    }

    /** Follows nextCursor from the first page to the last, checking each page's size on the way. */
    private List<Map<String, Object>> walk(String user, String firstPage) {
        int limit = Integer.parseInt(firstPage.replaceAll(".*limit=(\\d+).*", "$1"));
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ResponseEntity<Map> page =
                    api.get(user, cursor == null ? firstPage : firstPage + "&cursor=" + cursor);
            assertThat(page.getStatusCode()).as(firstPage).isEqualTo(HttpStatus.OK);
            List<Map<String, Object>> items = items(page);
            cursor = (String) page.getBody().get("nextCursor");
            assertThat(items.size()).as("page size").isLessThanOrEqualTo(limit);
            if (cursor != null) {
                assertThat(items).as("a page before the last is full").hasSize(limit);
            }
            all.addAll(items);
            assertThat(++pages).as("pages").isLessThan(1_000);
        } while (cursor != null);
        return all;
    }

    private List<String> expected(String sql) {
        return jdbc.queryForList(sql, UUID.class).stream().map(UUID::toString).toList();
    }

    private boolean caughtUp(String group, long head) {
        StreamingEventProcessor processor =
                processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
        return processor.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(ResponseEntity<Map> page) {
        return (List<Map<String, Object>>) page.getBody().get("items");
    }

    private static String nextCursor(ResponseEntity<Map> page) {
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        String cursor = (String) page.getBody().get("nextCursor");
        assertThat(cursor).isNotNull();
        return cursor;
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> (String) item.get("id")).toList();
    }

    private static String randomWord() {
        Random random = new Random();
        StringBuilder word = new StringBuilder("Q");
        for (int i = 0; i < 9; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
