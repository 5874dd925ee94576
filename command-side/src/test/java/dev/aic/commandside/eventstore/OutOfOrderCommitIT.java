package dev.aic.commandside.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.integration.IntegrationHeaders;
import dev.aic.contracts.integration.Topics;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.testsupport.HeldTransaction;
import dev.aic.testsupport.Infrastructure;
import dev.aic.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL hands out global indexes at insert and makes them visible at commit, so an event can
 * commit after events with higher indexes. Every reader of the store still knows it by its own
 * index: the audit chain seals it there, and the Kafka publisher stamps that index on its record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class OutOfOrderCommitIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final ExecutorService writers = Executors.newCachedThreadPool();

    @Autowired JdbcTemplate jdbc;
    @Autowired EventStorageEngine storageEngine;
    @Autowired PlatformTransactionManager transactionManager;

    @AfterAll
    static void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void anEventCommittedAfterAHigherIndexIsSealedAndPublishedAtItsOwnIndex() {
        // given a registration whose transaction stays open after its insert took a global index
        // ...
        UserId late = new UserId(UUID.randomUUID());
        HeldTransaction held =
                new HeldTransaction(
                        new TransactionTemplate(transactionManager), writers, () -> append(late));
        long lateIndex = held.position();
        // ... and a registration above it that commits first and is sealed
        UserId early = new UserId(UUID.randomUUID());
        long earlyIndex =
                new TransactionTemplate(transactionManager).execute(status -> append(early));
        assertThat(earlyIndex).isGreaterThan(lateIndex);
        await("the early registration is sealed")
                .atMost(CONVERGENCE)
                .until(() -> sealedAt(early).size() == 1);

        // when the lower index commits last
        held.commit();

        // then the chain seals it once, at its own index, and the early one still once at its own
        await("the late registration is sealed")
                .atMost(CONVERGENCE)
                .until(() -> !sealedAt(late).isEmpty());
        assertThat(sealedAt(late)).containsExactly(lateIndex);
        assertThat(sealedAt(early)).containsExactly(earlyIndex);
        // and the publisher's records carry each event's own index
        assertThat(publishedPositions(late, early))
                .containsEntry(late.toString(), Long.toString(lateIndex))
                .containsEntry(early.toString(), Long.toString(earlyIndex));
    }

    /** Appends a registration in the current transaction; returns the global index it took. */
    private long append(UserId user) {
        String eventId = UUID.randomUUID().toString();
        storageEngine.appendEvents(
                new GenericDomainEventMessage<>(
                        "User",
                        user.toString(),
                        0,
                        new UserEvent.Registered(
                                user, "order-" + user + "@example.org", "Out Of Order"),
                        Map.of(),
                        eventId,
                        java.time.Instant.now()));
        return jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE eventidentifier = ?",
                Long.class,
                eventId);
    }

    /** The global indexes the chain sealed the user's registration at. */
    private List<Long> sealedAt(UserId user) {
        return jdbc.queryForList(
                """
                SELECT c.global_index FROM audit_chain c JOIN domainevententry e ON e.eventidentifier = c.event_identifier
                WHERE e.aggregateidentifier = ?""",
                Long.class,
                user.toString());
    }

    /** The global position header of each user's integration record, by user id. */
    private Map<String, String> publishedPositions(UserId... users) {
        Properties config = new Properties();
        config.putAll(Infrastructure.endpoints().kafka().asAdmin());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> positions = new HashMap<>();
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.USERS));
            await("both registrations are published")
                    .atMost(CONVERGENCE)
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500))
                                        .forEach(
                                                record -> {
                                                    for (UserId user : users) {
                                                        if (user.toString().equals(record.key())) {
                                                            positions.put(
                                                                    record.key(),
                                                                    new String(
                                                                            record.headers()
                                                                                    .lastHeader(
                                                                                            IntegrationHeaders
                                                                                                    .GLOBAL_POSITION)
                                                                                    .value(),
                                                                            StandardCharsets
                                                                                    .UTF_8));
                                                        }
                                                    }
                                                });
                                return positions.size() == users.length;
                            });
        }
        return positions;
    }
}
