package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.commandside.Api;
import dev.aic.testsupport.RealInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/** The user API over real HTTP, with tokens from the development identity provider. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class UserApiIT {

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @org.springframework.boot.test.web.server.LocalServerPort int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    @Test
    void selfRegistrationCreatesTheCallersUserOnce() {
        ResponseEntity<Map> first = api.call("sam", HttpMethod.POST, "/api/me", Map.of());

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) first.getBody().get("id");
        assertThat(first.getHeaders().getLocation()).hasToString("/api/users/" + id);
        assertThat(first.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT email FROM user_account WHERE subject = 'sam'",
                                String.class))
                .isEqualTo("sam@example.test");

        ResponseEntity<Map> again = api.call("sam", HttpMethod.POST, "/api/me", Map.of());
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody())
                .containsEntry("type", "urn:aic:problem:already-registered")
                .containsEntry("userId", id);
    }

    @Test
    void anInvitedPersonIsLinkedToTheirUserOnFirstSignIn() {
        String id =
                (String)
                        api.call(
                                        "adam",
                                        HttpMethod.POST,
                                        "/api/users",
                                        Map.of("email", "Ivy@Example.test", "displayName", "Ivy"))
                                .getBody()
                                .get("id");

        ResponseEntity<Map> signIn = api.call("ivy", HttpMethod.POST, "/api/me", Map.of());

        assertThat(signIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(signIn.getBody()).containsEntry("id", id).containsEntry("version", 1);
    }

    @Test
    void aGuestWhoseTokenClaimsAnInvitedAddressWithoutProofInheritsNothing() {
        String id =
                (String)
                        api.call(
                                        "adam",
                                        HttpMethod.POST,
                                        "/api/users",
                                        Map.of("email", "vera@example.test", "displayName", "Vera"))
                                .getBody()
                                .get("id");

        ResponseEntity<Map> guest =
                api.call("unverified-vera", HttpMethod.POST, "/api/me", Map.of());

        assertThat(guest.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(guest.getBody()).containsEntry("type", "urn:aic:problem:email-not-verified");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM user_account WHERE subject = 'unverified-vera'",
                                Long.class))
                .isZero();
        ResponseEntity<Map> vera = api.call("vera", HttpMethod.POST, "/api/me", Map.of());
        assertThat(vera.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(vera.getBody()).containsEntry("id", id);
    }

    @Test
    void anUnverifiedAddressRegistersNoOneEither() {
        ResponseEntity<Map> guest =
                api.call("unverified-walt", HttpMethod.POST, "/api/me", Map.of());

        assertThat(guest.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(guest.getBody()).containsEntry("type", "urn:aic:problem:email-not-verified");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM user_account WHERE email = 'walt@example.test'",
                                Long.class))
                .isZero();
    }

    @Test
    void aChangeMustBeBasedOnTheCurrentVersion() {
        String id = register("pat");
        ResponseEntity<Map> updated = updateProfile("pat", id, "\"1\"", profile("Pat"));
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getHeaders().getETag()).isEqualTo("\"2\"");
        long events = countEvents();

        ResponseEntity<Map> stale = updateProfile("pat", id, "\"1\"", profile("Patricia"));

        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody()).containsEntry("type", "urn:aic:problem:stale-version");
        assertThat(countEvents()).isEqualTo(events);
        assertThat(updateProfile("pat", id, "not-an-etag", profile("Patricia")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(updateProfile("pat", id, "\"2\"", profile("Patricia")).getHeaders().getETag())
                .isEqualTo("\"3\"");
    }

    @Test
    void membersChangeOnlyTheirOwnProfileAndAdministratorsAny() {
        String quinn = register("quinn");
        register("rita");

        assertThat(updateProfile("rita", quinn, null, profile("Not Quinn")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(
                        updateProfile("rita", UUID.randomUUID().toString(), null, profile("X"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(
                        api.call(
                                        "rita",
                                        HttpMethod.PUT,
                                        "/api/users/" + quinn + "/roles",
                                        Map.of("roles", List.of("ADMIN")))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(updateProfile("adam", quinn, null, profile("Quinn by Adam")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> missing =
                updateProfile("adam", UUID.randomUUID().toString(), null, profile("X"));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("type", "urn:aic:problem:not-found");
    }

    @Test
    void fieldsACallerMayNotSetAreRefusedAndNothingIsStored() {
        String id = register("uma");
        long events = countEvents();

        for (String field : List.of("roles", "owner", "version", "status")) {
            Map<String, Object> body = new java.util.HashMap<>(profile("Uma"));
            body.put(field, field.equals("roles") ? List.of("ADMIN") : "x");
            ResponseEntity<Map> refused = updateProfile("uma", id, null, body);
            assertThat(refused.getStatusCode()).as(field).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody())
                    .containsEntry("type", "urn:aic:problem:field-not-allowed");
            assertThat((List<?>) refused.getBody().get("errors"))
                    .singleElement()
                    .asString()
                    .contains(field);
        }
        ResponseEntity<Map> adminWithRoles =
                api.call(
                        "adam",
                        HttpMethod.POST,
                        "/api/users",
                        Map.of(
                                "email",
                                "x@example.org",
                                "displayName",
                                "X",
                                "roles",
                                List.of("ADMIN")));
        assertThat(adminWithRoles.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(countEvents()).isEqualTo(events);
    }

    @Test
    void administratorsGrantRolesAndDeactivatedUsersCanNoLongerAct() {
        String id = register("tom");

        ResponseEntity<Map> unknownRole =
                api.call(
                        "adam",
                        HttpMethod.PUT,
                        "/api/users/" + id + "/roles",
                        Map.of("roles", List.of("WIZARD")));
        assertThat(unknownRole.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownRole.getBody().get("detail").toString())
                .contains("MEMBER", "ORGANIZER", "ADMIN", "AUDITOR");
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.PUT,
                                        "/api/users/" + id + "/roles",
                                        Map.of("roles", List.of("ORGANIZER", "MEMBER")))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT array_to_string(roles, ',') FROM user_account WHERE user_id = ?::uuid",
                                String.class,
                                id))
                .isEqualTo("MEMBER,ORGANIZER");

        assertThat(
                        api.call("tom", HttpMethod.POST, "/api/users/" + id + "/deactivate", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(
                        api.call(
                                        "adam",
                                        HttpMethod.POST,
                                        "/api/users/" + id + "/deactivate",
                                        Map.of("reason", "spam"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(updateProfile("tom", id, null, profile("Tom")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(
                        api.call("adam", HttpMethod.POST, "/api/users/" + id + "/reactivate", null)
                                .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(updateProfile("tom", id, null, profile("Tom")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void rolesComeFromTheTokenClaimOrFromMappedDirectoryGroups() {
        assertThat(
                        api.call(
                                        "erin",
                                        HttpMethod.POST,
                                        "/api/users",
                                        Map.of(
                                                "email",
                                                "from-erin@example.org",
                                                "displayName",
                                                "Via Group"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(
                        api.call(
                                        "newbie",
                                        HttpMethod.POST,
                                        "/api/users",
                                        Map.of(
                                                "email",
                                                "from-newbie@example.org",
                                                "displayName",
                                                "No Role"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(
                        api.call(
                                        "alice",
                                        HttpMethod.POST,
                                        "/api/users",
                                        Map.of(
                                                "email",
                                                "from-alice@example.org",
                                                "displayName",
                                                "Member"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void nothingButHealthAndApiDocsIsReachableWithoutAValidToken() {
        ResponseEntity<Map> anonymous =
                api.call(
                        null,
                        HttpMethod.POST,
                        "/api/users",
                        Map.of("email", "anon@example.org", "displayName", "Anon"));
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("Bearer");

        ResponseEntity<Map> forged =
                api.call(
                        null,
                        HttpMethod.POST,
                        "/api/me",
                        Map.of(),
                        Map.of(
                                HttpHeaders.AUTHORIZATION,
                                "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGFtIn0."));
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api.call(null, HttpMethod.GET, "/actuator/prometheus", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstResponseAndStoresNothing() {
        Map<String, String> key = Map.of("Idempotency-Key", "it-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("email", "once@example.org", "displayName", "Once");
        ResponseEntity<Map> first = api.call("adam", HttpMethod.POST, "/api/users", body, key);
        long events = countEvents();

        ResponseEntity<Map> retry = api.call("adam", HttpMethod.POST, "/api/users", body, key);

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getHeaders().getETag()).isEqualTo(first.getHeaders().getETag());
        assertThat(retry.getHeaders().getFirst("Consistency-Token"))
                .isEqualTo(first.getHeaders().getFirst("Consistency-Token"));
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(countEvents()).isEqualTo(events);

        ResponseEntity<Map> otherBody =
                api.call(
                        "adam",
                        HttpMethod.POST,
                        "/api/users",
                        Map.of("email", "twice@example.org", "displayName", "Twice"),
                        key);
        assertThat(otherBody.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(otherBody.getBody())
                .containsEntry("type", "urn:aic:problem:idempotency-key-reused");
        assertThat(countEvents()).isEqualTo(events);
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneEvent() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", "it-" + UUID.randomUUID());
        Map<String, Object> body = Map.of("email", "racer@example.org", "displayName", "Racer");
        long events = countEvents();

        List<ResponseEntity<Map>> responses =
                concurrently(10, () -> api.call("adam", HttpMethod.POST, "/api/users", body, key));

        assertThat(responses)
                .allSatisfy(
                        response ->
                                assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED));
        assertThat(responses)
                .extracting(response -> response.getBody().get("id"))
                .containsOnly(responses.get(0).getBody().get("id"));
        assertThat(countEvents()).isEqualTo(events + 1);
    }

    @Test
    void oneAddressRegisteredConcurrentlyInAnyCaseYieldsOneUser() throws Exception {
        List<String> spellings =
                List.of(
                        "same@example.org",
                        "SAME@example.org",
                        "Same@Example.org",
                        " same@EXAMPLE.org");

        List<ResponseEntity<Map>> responses =
                concurrently(
                        20,
                        new Callable<>() {
                            int next;

                            @Override
                            public synchronized ResponseEntity<Map> call() {
                                String email = spellings.get(next++ % spellings.size());
                                return api.call(
                                        "adam",
                                        HttpMethod.POST,
                                        "/api/users",
                                        Map.of("email", email.trim(), "displayName", "Same"));
                            }
                        });

        assertThat(responses)
                .filteredOn(response -> response.getStatusCode() == HttpStatus.CREATED)
                .hasSize(1);
        assertThat(responses)
                .filteredOn(response -> response.getStatusCode() == HttpStatus.CONFLICT)
                .hasSize(19);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM user_account WHERE email = 'same@example.org'",
                                Long.class))
                .isEqualTo(1);
    }

    @Test
    void brokenRequestsAreClientErrorsWithProblemBodies() {
        String id = register("vic");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        json.setBearerAuth(dev.aic.testsupport.DevIdentity.start().accessToken("vic"));
        long events = countEvents();

        Map<String, ResponseEntity<Map>> cases = new java.util.LinkedHashMap<>();
        cases.put(
                "malformed JSON",
                http.exchange(
                        "/api/users/" + id + "/profile",
                        HttpMethod.PUT,
                        new HttpEntity<>("{\"displayName\": ", json),
                        Map.class));
        cases.put(
                "wrong type",
                http.exchange(
                        "/api/users/" + id + "/profile",
                        HttpMethod.PUT,
                        new HttpEntity<>("{\"displayName\":\"V\",\"interests\":{\"a\":1}}", json),
                        Map.class));
        cases.put(
                "oversize",
                http.exchange(
                        "/api/users/" + id + "/profile",
                        HttpMethod.PUT,
                        new HttpEntity<>("{\"displayName\":\"" + "v".repeat(200_000) + "\"}", json),
                        Map.class));
        cases.put(
                "no body",
                http.exchange(
                        "/api/users/" + id + "/profile",
                        HttpMethod.PUT,
                        new HttpEntity<>(json),
                        Map.class));
        cases.put(
                "bad id",
                http.exchange(
                        "/api/users/not-a-uuid/profile",
                        HttpMethod.PUT,
                        new HttpEntity<>("{\"displayName\":\"V\"}", json),
                        Map.class));
        HttpHeaders text = new HttpHeaders();
        text.setContentType(MediaType.TEXT_PLAIN);
        text.setBearerAuth(dev.aic.testsupport.DevIdentity.start().accessToken("vic"));
        cases.put(
                "text body",
                http.exchange(
                        "/api/users/" + id + "/profile",
                        HttpMethod.PUT,
                        new HttpEntity<>("displayName=V", text),
                        Map.class));
        cases.put(
                "wrong method",
                http.exchange(
                        "/api/users/" + id + "/profile",
                        HttpMethod.DELETE,
                        new HttpEntity<>(json),
                        Map.class));

        cases.forEach(
                (name, response) -> {
                    assertThat(response.getStatusCode().is4xxClientError())
                            .as(name + ": " + response.getStatusCode())
                            .isTrue();
                    assertThat(response.getHeaders().getContentType())
                            .as(name)
                            .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                    assertThat(response.getBody().get("type").toString())
                            .as(name)
                            .startsWith("urn:aic:problem:");
                    assertThat(response.getBody().toString())
                            .as(name)
                            .doesNotContain("Exception", "at dev.aic", "org.spring");
                });
        assertThat(cases.get("oversize").getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(cases.get("text body").getStatusCode())
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(cases.get("wrong method").getStatusCode())
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(countEvents()).isEqualTo(events);
    }

    @Test
    void requestsTheServletContainerRefusesGetProblemBodiesToo() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(
                            "GET /api/users/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response =
                    new String(
                            socket.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);

            assertThat(response)
                    .startsWith("HTTP/1.1 400")
                    .contains(
                            "application/problem+json",
                            "\"type\":\"urn:aic:problem:malformed-request\"")
                    .doesNotContain("<html");
        }
    }

    private String register(String user) {
        ResponseEntity<Map> response = api.call(user, HttpMethod.POST, "/api/me", Map.of());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) response.getBody().get("id");
    }

    private ResponseEntity<Map> updateProfile(
            String user, String id, String ifMatch, Map<String, Object> body) {
        return api.call(
                user,
                HttpMethod.PUT,
                "/api/users/" + id + "/profile",
                body,
                ifMatch == null ? Map.of() : Map.of(HttpHeaders.IF_MATCH, ifMatch));
    }

    private static Map<String, Object> profile(String displayName) {
        return Map.of(
                "displayName",
                displayName,
                "bio",
                "Bio of " + displayName,
                "interests",
                List.of("ml", "graphs"));
    }

    private long countEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private static <T> List<T> concurrently(int times, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
