package dev.aic.queryside.projection;

import static dev.aic.queryside.ProjectionNames.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.aic.contracts.user.Role;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.testsupport.HeldTransaction;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 7, case 5: a poison event. The poison is real data the {@code users} projection cannot
 * store: a check constraint this test adds to {@code user_profile} refuses display names starting
 * with "Poison"; the fix is the schema correction of dropping it again.
 */
@QuerySideIntegrationTest
class DeadLetterIT {

    private static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);
    private static final String ADMIN = "adam";

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactionManager;
    private static final ExecutorService writers = Executors.newCachedThreadPool();

    UserEvents events;
    AdminCalls api;
    String constraint;

    @BeforeEach
    void connect() {
        events = new UserEvents(eventStore, jdbc);
        api = new AdminCalls(http);
        constraint =
                "dead_letter_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // NOT VALID: rows other suites stored stay as they are; only new writes are checked
        jdbc.execute(
                "ALTER TABLE user_profile ADD CONSTRAINT "
                        + constraint
                        + " CHECK (display_name NOT LIKE 'Poison%') NOT VALID");
    }

    @AfterAll
    static void stopWriters() {
        writers.shutdownNow();
    }

    @AfterEach
    void dropPoisonConstraint() {
        jdbc.execute("ALTER TABLE user_profile DROP CONSTRAINT IF EXISTS " + constraint);
    }

    @Test
    void
            aPoisonEventWaitsWithLaterEventsOfItsUserWhileOthersCarryOnAndARetryAfterTheFixAppliesThemInOrder() {
        UserId poisoned = events.register("Ada Parked");
        UserId healthy = events.register("Bob Healthy");
        List<Long> parkedPositions =
                List.of(
                        events.publish(
                                new UserEvent.ProfileUpdated(
                                        poisoned,
                                        "Poison Ada",
                                        "refused by the table",
                                        List.of(),
                                        null)),
                        events.publish(
                                new UserEvent.RolesChanged(
                                        poisoned, List.of(Role.MEMBER, Role.ORGANIZER))),
                        events.publish(new UserEvent.Deactivated(poisoned, "left")));
        long healthyPosition =
                events.publish(
                        new UserEvent.ProfileUpdated(
                                healthy, "Bob Carries On", null, List.of(), null));

        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(row(healthy))
                                    .containsEntry("version", 1L)
                                    .containsEntry("display_name", "Bob Carries On");
                            assertThat(letters(poisoned)).hasSize(3);
                        });
        List<JsonNode> parked = letters(poisoned);
        System.out.printf(
                "[dead-letters] user %s: events at %s parked as %s; user %s applied up to %d%n",
                poisoned, parkedPositions, summary(parked), healthy, healthyPosition);
        assertThat(parked)
                .extracting(letter -> letter.get("globalIndex").asLong())
                .containsExactlyElementsOf(parkedPositions);
        assertThat(parked)
                .extracting(letter -> letter.get("aggregateSequenceNumber").asLong())
                .containsExactly(1L, 2L, 3L);
        assertThat(parked)
                .extracting(letter -> letter.get("sequenceId").asText())
                .containsOnly(poisoned.toString());
        assertThat(parked)
                .extracting(letter -> letter.get("eventType").asText())
                .containsExactly(
                        UserEvent.ProfileUpdated.class.getName(),
                        UserEvent.RolesChanged.class.getName(),
                        UserEvent.Deactivated.class.getName());
        assertThat(parked.get(0).at("/cause/type").asText())
                .isEqualTo("org.springframework.dao.DataIntegrityViolationException");
        assertThat(parked.get(0).at("/cause/message").asText()).contains(constraint);
        // only the first failed: the others were parked because it was
        assertThat(parked.get(1).has("cause")).isFalse();
        assertThat(parked.get(2).has("cause")).isFalse();
        assertThat(row(poisoned))
                .containsEntry("version", 0L)
                .containsEntry("display_name", "Ada Parked")
                .containsEntry("active", true);

        JsonNode inspected =
                api.get(ADMIN, lettersPath() + "/" + parked.get(0).get("id").asText()).body();
        assertThat(inspected.at("/payload/displayName").asText()).isEqualTo("Poison Ada");
        assertThat(inspected.at("/payload/userId").asText()).isEqualTo(poisoned.toString());
        assertThat(inspected.get("metaData").isObject()).isTrue();
        assertThat(inspected.at("/letter/id").asText()).isEqualTo(parked.get(0).get("id").asText());

        // retried before the fix: nothing changes but the cause's time and the retry count
        JsonNode tooEarly = retry(poisoned);
        System.out.println("[dead-letters] retry before the fix: " + tooEarly);
        assertThat(tooEarly.get("sequencesCleared").asInt()).isZero();
        assertThat(tooEarly.get("deadLettersLeft").asLong()).isEqualTo(3);
        assertThat(letters(poisoned))
                .extracting(letter -> letter.get("id").asText())
                .containsExactlyElementsOf(
                        parked.stream().map(letter -> letter.get("id").asText()).toList());
        assertThat(letters(poisoned).get(0).get("retries").asLong()).isEqualTo(1);
        assertThat(letters(poisoned).get(0).at("/cause/message").asText()).contains(constraint);
        assertThat(row(poisoned)).containsEntry("version", 0L);

        jdbc.execute("ALTER TABLE user_profile DROP CONSTRAINT " + constraint);
        JsonNode fixed = retry(poisoned);
        System.out.println("[dead-letters] retry after the fix: " + fixed);

        assertThat(fixed.get("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(fixed.get("deadLettersLeft").asLong()).isZero();
        assertThat(letters(poisoned)).isEmpty();
        // version 3 with all three changes: each applied once, in order (the version guard skips an
        // older event)
        Map<String, Object> recovered = row(poisoned);
        System.out.println("[dead-letters] user after the retry: " + recovered);
        assertThat(recovered)
                .containsEntry("version", 3L)
                .containsEntry("display_name", "Poison Ada")
                .containsEntry("bio", "refused by the table")
                .containsEntry("active", false);
        assertThat(roles(poisoned)).containsExactly("MEMBER", "ORGANIZER");

        // the sequence left the queue: the user's next event is handled live again
        events.publish(new UserEvent.Reactivated(poisoned));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(row(poisoned))
                                        .containsEntry("version", 4L)
                                        .containsEntry("active", true));
        assertThat(letters(poisoned)).isEmpty();
    }

    /**
     * The poison's transaction commits after a later event's: the projection's token then stands at
     * the later index, and the letter still names the poison's own.
     */
    @Test
    void aPoisonEventCommittedAfterAHigherIndexIsListedAtItsOwnIndex() {
        UserId poisoned = events.register("Eve Late");
        HeldTransaction held =
                new HeldTransaction(
                        new TransactionTemplate(transactionManager),
                        writers,
                        () ->
                                events.publish(
                                        new UserEvent.ProfileUpdated(
                                                poisoned,
                                                "Poison Eve",
                                                "committed last",
                                                List.of(),
                                                null)));
        long poisonIndex = held.position();
        UserId overtaking = events.register("Fay Overtakes");
        await().atMost(PROJECTION_DEADLINE).until(() -> row(overtaking).containsKey("version"));

        held.commit();

        await().atMost(PROJECTION_DEADLINE).until(() -> letters(poisoned).size() == 1);
        assertThat(letters(poisoned).get(0).get("globalIndex").asLong()).isEqualTo(poisonIndex);
    }

    @Test
    void evictingDropsOneLetterOrAWholeSequenceForGood() {
        UserId cy = events.register("Cy");
        UserId di = events.register("Di");
        events.publish(new UserEvent.ProfileUpdated(cy, "Poison Cy", null, List.of(), null));
        events.publish(new UserEvent.RolesChanged(cy, List.of(Role.ADMIN)));
        events.publish(new UserEvent.ProfileUpdated(di, "Poison Di", null, List.of(), null));
        events.publish(new UserEvent.Deactivated(di, "never applied"));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(letters(cy)).hasSize(2);
                            assertThat(letters(di)).hasSize(2);
                        });
        System.out.printf(
                "[dead-letters] parked: %s %s, %s %s%n",
                cy, summary(letters(cy)), di, summary(letters(di)));

        // one letter: the poison goes, the role change behind it stays parked until retried
        String poison = letters(cy).get(0).get("id").asText();
        assertThat(api.call(ADMIN, HttpMethod.DELETE, lettersPath() + "/" + poison).status())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(letters(cy))
                .extracting(letter -> letter.get("eventType").asText())
                .containsExactly(UserEvent.RolesChanged.class.getName());
        assertThat(row(cy)).containsEntry("version", 0L);
        JsonNode retried = retry(cy);
        System.out.println(
                "[dead-letters] after evicting "
                        + poison
                        + " and retrying: "
                        + retried
                        + " "
                        + row(cy));
        assertThat(retried.get("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(row(cy)).containsEntry("version", 2L).containsEntry("display_name", "Cy");
        assertThat(roles(cy)).containsExactly("ADMIN");

        // a whole sequence: both letters go, the user's next event is handled live
        assertThat(api.call(ADMIN, HttpMethod.DELETE, lettersPath() + "/sequences/" + di).status())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(letters(di)).isEmpty();
        events.publish(new UserEvent.Reactivated(di));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(() -> assertThat(row(di)).containsEntry("version", 3L));
        assertThat(row(di)).containsEntry("display_name", "Di").containsEntry("active", true);
        System.out.println("[dead-letters] after evicting sequence " + di + ": " + row(di));

        AdminCalls.Reply gone = api.call(ADMIN, HttpMethod.DELETE, lettersPath() + "/" + poison);
        assertThat(gone.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(gone.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(
                        api.call(
                                        ADMIN,
                                        HttpMethod.POST,
                                        lettersPath() + "/sequences/" + di + "/retry")
                                .status())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRetryOfEveryParkedSequenceClearsThoseThatNowSucceed() {
        UserId first = events.register("Eve");
        UserId second = events.register("Fay");
        events.publish(new UserEvent.ProfileUpdated(first, "Poison Eve", null, List.of(), null));
        events.publish(new UserEvent.ProfileUpdated(second, "Poison Fay", null, List.of(), null));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () -> {
                            assertThat(letters(first)).hasSize(1);
                            assertThat(letters(second)).hasSize(1);
                        });
        jdbc.execute("ALTER TABLE user_profile DROP CONSTRAINT " + constraint);

        AdminCalls.Reply all = api.call(ADMIN, HttpMethod.POST, lettersPath() + "/retry");

        System.out.println("[dead-letters] retry of every sequence: " + all.body());
        assertThat(all.status()).isEqualTo(HttpStatus.OK);
        assertThat(all.body().get("sequencesCleared").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(all.body().get("deadLettersLeft").asLong()).isZero();
        assertThat(row(first))
                .containsEntry("display_name", "Poison Eve")
                .containsEntry("version", 1L);
        assertThat(row(second))
                .containsEntry("display_name", "Poison Fay")
                .containsEntry("version", 1L);
        assertThat(letters(first)).isEmpty();
        assertThat(letters(second)).isEmpty();
    }

    /**
     * A real transient failure: the database answers "lock not available" (SQLSTATE 55P03) while
     * this test holds the user's row, with lock_timeout set for the service's connections. The
     * event is fine, so it must not be parked: the processor stops with the error and retries until
     * the lock is gone.
     */
    @Test
    void aTransientFailureStopsTheProcessorAndParksNothingUntilTheDatabaseAnswersAgain()
            throws Exception {
        UserId locked = events.register("Jo Locked");
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(() -> assertThat(row(locked)).containsEntry("version", 0L));
        String database = jdbc.queryForObject("SELECT current_database()", String.class);
        HikariDataSource pool = (HikariDataSource) dataSource;
        jdbc.execute("ALTER DATABASE \"" + database + "\" SET lock_timeout = '300ms'");
        pool.getHikariPoolMXBean().softEvictConnections();
        try (Connection holder = pool.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute(
                        "SELECT 1 FROM user_profile WHERE id = '"
                                + locked.value()
                                + "' FOR UPDATE");
            }
            events.publish(
                    new UserEvent.ProfileUpdated(locked, "Jo Waited", null, List.of(), null));

            await().atMost(PROJECTION_DEADLINE)
                    .untilAsserted(
                            () -> {
                                JsonNode users =
                                        api.get(ADMIN, "/api/admin/projections/" + USERS).body();
                                assertThat(users.get("status").asText()).isEqualTo("ERROR");
                                assertThat(users.at("/error/message").asText()).contains("lock");
                            });
            JsonNode stopped = api.get(ADMIN, "/api/admin/projections/" + USERS).body();
            System.out.println("[dead-letters] while the row is locked: " + stopped);
            assertThat(stopped.get("lagEvents").asLong()).isPositive();
            assertThat(letters(locked)).isEmpty();
            holder.rollback();
        } finally {
            jdbc.execute("ALTER DATABASE \"" + database + "\" RESET lock_timeout");
            pool.getHikariPoolMXBean().softEvictConnections();
        }

        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(row(locked))
                                        .containsEntry("version", 1L)
                                        .containsEntry("display_name", "Jo Waited"));
        assertThat(letters(locked)).isEmpty();
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(
                                                api.get(ADMIN, "/api/admin/projections/" + USERS)
                                                        .body()
                                                        .get("status")
                                                        .asText())
                                        .isEqualTo("CAUGHT_UP"));
    }

    @Test
    void aReplayEmptiesTheQueueAndParksThePoisonAfreshInsteadOfTwice() {
        UserId ivy = events.register("Ivy");
        events.publish(new UserEvent.ProfileUpdated(ivy, "Poison Ivy", null, List.of(), null));
        events.publish(new UserEvent.RolesChanged(ivy, List.of(Role.ORGANIZER)));
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(() -> assertThat(letters(ivy)).hasSize(2));
        List<JsonNode> before = letters(ivy);
        long head = events.head();

        StreamingEventProcessor users =
                processing.eventProcessor(USERS, StreamingEventProcessor.class).orElseThrow();
        users.shutDown();
        users.resetTokens();
        users.start();
        await().atMost(PROJECTION_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(users.processingStatus().values())
                                        .as("the replay of %s up to %d", USERS, head)
                                        .isNotEmpty()
                                        .allMatch(
                                                status ->
                                                        status.isCaughtUp()
                                                                && status.getCurrentPosition()
                                                                                .orElse(-1)
                                                                        >= head));

        List<JsonNode> after = letters(ivy);
        System.out.printf(
                "[dead-letters] replay of %s: %s before, %s after%n",
                USERS, summary(before), summary(after));
        assertThat(after)
                .extracting(letter -> letter.get("globalIndex").asLong())
                .containsExactlyElementsOf(
                        before.stream().map(letter -> letter.get("globalIndex").asLong()).toList());
        assertThat(after)
                .extracting(letter -> letter.get("id").asText())
                .doesNotContainAnyElementsOf(
                        before.stream().map(letter -> letter.get("id").asText()).toList());
        assertThat(row(ivy)).containsEntry("version", 0L);

        // every poison the replay met (this suite's earlier ones too) goes once the constraint does
        jdbc.execute("ALTER TABLE user_profile DROP CONSTRAINT " + constraint);
        AdminCalls.Reply all = api.call(ADMIN, HttpMethod.POST, lettersPath() + "/retry");
        System.out.println("[dead-letters] retry after the replay: " + all.body());
        assertThat(all.body().get("deadLettersLeft").asLong()).isZero();
        assertThat(row(ivy))
                .containsEntry("version", 2L)
                .containsEntry("display_name", "Poison Ivy");
    }

    private JsonNode retry(UserId sequence) {
        AdminCalls.Reply reply =
                api.call(
                        ADMIN,
                        HttpMethod.POST,
                        lettersPath() + "/sequences/" + sequence + "/retry");
        assertThat(reply.status()).isEqualTo(HttpStatus.OK);
        return reply.body();
    }

    /** The user's parked letters, in sequence order, through the API. */
    private List<JsonNode> letters(UserId user) {
        AdminCalls.Reply page = api.get(ADMIN, lettersPath() + "?sequence=" + user + "&limit=100");
        assertThat(page.status()).isEqualTo(HttpStatus.OK);
        List<JsonNode> letters = new ArrayList<>();
        page.body().get("items").forEach(letters::add);
        return letters;
    }

    private static String lettersPath() {
        return "/api/admin/projections/" + USERS + "/dead-letters";
    }

    private static List<String> summary(List<JsonNode> letters) {
        return letters.stream()
                .map(
                        letter ->
                                "#"
                                        + letter.get("sequenceIndex").asLong()
                                        + " "
                                        + letter.get("eventType").asText().replaceAll(".*\\.", "")
                                        + "@"
                                        + letter.get("globalIndex").asLong()
                                        + (letter.has("cause")
                                                ? " ("
                                                        + letter.at("/cause/type")
                                                                .asText()
                                                                .replaceAll(".*\\.", "")
                                                        + ")"
                                                : ""))
                .toList();
    }

    private Map<String, Object> row(UserId id) {
        return jdbc
                .queryForList(
                        "SELECT version, display_name, bio, active FROM user_profile WHERE id = ?",
                        id.value())
                .stream()
                .findFirst()
                .orElse(Map.of());
    }

    private List<String> roles(UserId id) {
        return jdbc.queryForList(
                "SELECT unnest(roles) FROM user_profile WHERE id = ?", String.class, id.value());
    }
}
