package dev.aic.commandside.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.commandside.Api;
import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.contracts.privacy.PersonalData;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import org.springframework.test.context.ContextConfiguration;

/**
 * A member's personal data is stored encrypted under their key; an administrator erases them, and
 * from then on their past events name no one, their address is free, and the erasure itself is on
 * the record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@SuppressWarnings("rawtypes")
class MemberErasureIT {

    private static final String ADMIN = "adam";

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventStore eventStore;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        // the administrator acts as a registered user, so their events carry their user id
        assertThat(api.call(ADMIN, HttpMethod.POST, "/api/me", Map.of()).getStatusCode())
                .isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
    }

    @Test
    void personalDataIsStoredEncryptedAndReadsAsErasedOnceTheMemberIsErased() {
        String username = newUsername();
        String email = username + "@example.test";
        String name = "Erin " + username;
        String id = register(username, name);
        ResponseEntity<Map> profile =
                api.call(
                        username,
                        HttpMethod.PUT,
                        "/api/users/" + id + "/profile",
                        Map.of(
                                "displayName",
                                name,
                                "bio",
                                "Knits on Sundays in " + username,
                                "interests",
                                List.of("knitting-" + username),
                                "avatarRef",
                                "https://img.example.org/" + username));
        assertThat(profile.getStatusCode()).isEqualTo(HttpStatus.OK);

        // given: nothing personal is in the stored bytes, though reading through Axon shows all of
        // it
        assertThat(rawPayloads(id))
                .hasSize(3)
                .noneMatch(
                        payload ->
                                payload.contains(email)
                                        || payload.contains(name)
                                        || payload.contains("Knits")
                                        || payload.contains("knitting-")
                                        || payload.contains("img.example.org"));
        assertThat(payloads(id).get(0))
                .isEqualTo(new UserEvent.Registered(new UserId(UUID.fromString(id)), email, name));

        // when
        ResponseEntity<Map> erased =
                api.call(
                        ADMIN,
                        HttpMethod.POST,
                        "/api/admin/users/" + id + "/erasure",
                        Map.of("reason", "GDPR art. 17 request 114"));

        // then: the events name no one any more
        assertThat(erased.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(erased.getBody()).containsEntry("id", id).containsEntry("version", 3);
        UserId user = new UserId(UUID.fromString(id));
        assertThat(payloads(id))
                .containsExactly(
                        new UserEvent.Registered(user, null, PersonalData.ERASED_MEMBER),
                        new UserEvent.ProfileUpdated(
                                user, PersonalData.ERASED_MEMBER, null, List.of(), null),
                        new UserEvent.Erased(user, "GDPR art. 17 request 114"));
        assertThat(
                        jdbc.queryForObject(
                                "SELECT key IS NULL AND erased_at IS NOT NULL FROM personal_data_key WHERE subject_id = ?",
                                Boolean.class,
                                user.value()))
                .isTrue();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM user_account WHERE user_id = ?",
                                Integer.class,
                                user.value()))
                .isZero();

        // and the erasure is on the record, attributed to the administrator
        String metaData =
                jdbc.queryForObject(
                        """
                SELECT convert_from(metadata, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = ?""",
                        String.class,
                        id,
                        UserEvent.Erased.class.getName());
        assertThat(metaData)
                .contains("\"actorSubject\":\"")
                .contains("#adam\"")
                .contains("EraseMember");
    }

    @Test
    void anErasedMemberTakesNoFurtherChangesAndTheirAddressIsFree() {
        String username = newUsername();
        String id = register(username, "Fay " + username);
        assertThat(erase(id, "request 115").getStatusCode()).isEqualTo(HttpStatus.OK);
        long events = countEvents();

        ResponseEntity<Map> again = erase(id, "request 115");
        ResponseEntity<Map> roles =
                api.call(
                        ADMIN,
                        HttpMethod.PUT,
                        "/api/users/" + id + "/roles",
                        Map.of("roles", List.of("MEMBER", "ORGANIZER")));

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).containsEntry("type", "urn:aic:problem:member-erased");
        assertThat(roles.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(countEvents()).isEqualTo(events);
        ResponseEntity<Map> reRegistered =
                api.call(
                        ADMIN,
                        HttpMethod.POST,
                        "/api/users",
                        Map.of("email", username + "@example.test", "displayName", "Fay again"));
        assertThat(reRegistered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(reRegistered.getBody().get("id")).isNotEqualTo(id);
    }

    @Test
    void erasureNeedsAnAdministratorAndAReasonAndChangesNothingOtherwise() {
        String username = newUsername();
        String id = register(username, "Gus " + username);
        long events = countEvents();

        assertThat(
                        api.call(
                                        username,
                                        HttpMethod.POST,
                                        "/api/admin/users/" + id + "/erasure",
                                        Map.of("reason", "me"))
                                .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> noReason =
                api.call(ADMIN, HttpMethod.POST, "/api/admin/users/" + id + "/erasure", Map.of());
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(erase(id, " ").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(erase(UUID.randomUUID().toString(), "nobody").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(countEvents()).isEqualTo(events);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM personal_data_key WHERE subject_id = ?::uuid AND key IS NOT NULL",
                                Integer.class,
                                id))
                .isOne();
    }

    @Test
    void consumersAreToldToForgetTheMember() {
        String username = newUsername();
        String id = register(username, "Ida " + username);

        erase(id, "request 118");

        Properties config = new Properties();
        config.putAll(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> erasures = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USERS));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(
                                                record -> {
                                                    Header type =
                                                            record.headers()
                                                                    .lastHeader(
                                                                            IntegrationHeaders
                                                                                    .EVENT_TYPE);
                                                    if (id.equals(record.key())
                                                            && type != null
                                                            && "MemberErasedIntegrationEvent"
                                                                    .equals(
                                                                            new String(
                                                                                    type.value(),
                                                                                    StandardCharsets
                                                                                            .UTF_8))) {
                                                        erasures.add(record.value());
                                                    }
                                                });
                                return !erasures.isEmpty();
                            });
        }
        assertThat(erasures.get(0))
                .contains("\"userId\":\"" + id + "\"", "\"erasedAt\":")
                .doesNotContain(username);
    }

    @Test
    void notificationsForgetAnErasedMember() {
        String username = newUsername();
        String id = register(username, "Hal " + username);
        await().atMost(Duration.ofSeconds(30)).until(() -> recipients(id) == 1);

        erase(id, "request 116");

        await().atMost(Duration.ofSeconds(30)).until(() -> recipients(id) == 0);
    }

    private String register(String username, String displayName) {
        ResponseEntity<Map> registered =
                api.call(username, HttpMethod.POST, "/api/me", Map.of("displayName", displayName));
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) registered.getBody().get("id");
    }

    private ResponseEntity<Map> erase(String id, String reason) {
        return api.call(
                ADMIN,
                HttpMethod.POST,
                "/api/admin/users/" + id + "/erasure",
                Map.of("reason", reason));
    }

    /** The user's events read back through Axon's event store, as every reader of it sees them. */
    private List<Object> payloads(String id) {
        return eventStore
                .readEvents(id)
                .asStream()
                .map(message -> (Object) message.getPayload())
                .filter(payload -> !(payload instanceof UserEvent.IdentityLinked))
                .toList();
    }

    private List<String> rawPayloads(String id) {
        return jdbc.query(
                "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8),
                id);
    }

    private int recipients(String id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM notification.recipient WHERE user_id = ?::uuid",
                Integer.class,
                id);
    }

    private long countEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    static String newUsername() {
        return "pd"
                + UUID.randomUUID()
                        .toString()
                        .replace("-", "")
                        .substring(0, 12)
                        .toLowerCase(Locale.ROOT);
    }
}
