package dev.aic.queryside.reconciliation;

import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.eventstore.TokenTable;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.testsupport.HeldTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PostgreSQL hands out global positions at insert and makes them visible at commit. A processor
 * that reads an event whose timestamp is older than the gap timeout stops waiting for the positions
 * below it (AxonFramework #4829): an event whose transaction commits after that is never read.
 * These cases provoke it for real, with transactions held open, and check that every projection
 * still ends with exactly the events of the store: the users table and the users index against the
 * store (ids and versions), and every processor's ledger against the store.
 *
 * <p>The suite runs with a 3 s gap timeout ({@link QuerySideIntegrationTest}). The concurrent case
 * writes for 40 s; {@code -Daic.soak=PT10M} makes it a soak test: {@code mvn -B -q -pl query-side
 * -am verify -Dit.test=LateCommitIT#concurrentWritersHoldingTransactionsLoseNoEvent
 * -Daic.soak=PT10M -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuerySideIntegrationTest
class LateCommitIT {

    private static final Set<String> USER_PROJECTIONS = Set.of(USERS, USERS_SEARCH);
    private static final Duration CONVERGENCE = Duration.ofMinutes(3);
    private static final Duration WRITING = Duration.parse(System.getProperty("aic.soak", "PT40S"));
    private static final int WRITERS = 8;

    private static ExecutorService writers;

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired ProjectionCheck check;
    @Autowired TokenTable tokens;
    @Autowired ReconciliationStatus status;
    @Autowired OpenSearchClient openSearch;
    @Autowired OpenSearchProperties openSearchProperties;
    @Autowired ProjectionsHealthIndicator projectionsHealth;
    @Autowired MeterRegistry meters;

    @Value("${aic.event-store.gap-timeout}")
    Duration gapTimeout;

    UserEvents events;
    TransactionTemplate transactions;

    @BeforeAll
    static void startWriters() {
        writers = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopWriters() {
        writers.shutdownNow();
    }

    @BeforeEach
    void connect() {
        events = new UserEvents(eventStore, jdbc);
        transactions = new TransactionTemplate(transactionManager);
    }

    @Test
    void anEventCommittedAfterItsNeighbourAgedPastTheGapTimeoutReachesEveryProjection() {
        UserId ada = new UserId(UUID.randomUUID());
        events.publish(new UserEvent.Registered(ada, UserEvents.emailOf(ada), "Ada"));
        long before = events.head();
        await("the user projections read up to " + before)
                .atMost(CONVERGENCE)
                .until(
                        () ->
                                USER_PROJECTIONS.stream()
                                        .allMatch(processor -> index(processor) >= before));
        Map<String, Long> repairsBefore = repairs();

        // given a transaction that appends an event and stays open ...
        HeldTransaction late =
                hold(
                        () ->
                                events.publish(
                                        new UserEvent.ProfileUpdated(
                                                ada,
                                                "Ada, late",
                                                "committed last",
                                                List.of("gaps"),
                                                null)));
        long latePosition = late.position();
        // ... a neighbour above it stamped now that commits only once its stamp is older than the
        // gap timeout ...
        UserId neighbour = new UserId(UUID.randomUUID());
        Instant stamped = Instant.now();
        HeldTransaction aged =
                hold(
                        () ->
                                events.publish(
                                        new UserEvent.Registered(
                                                neighbour,
                                                UserEvents.emailOf(neighbour),
                                                "Neighbour"),
                                        stamped));
        long agedPosition = aged.position();
        // ... and other writers committing later positions meanwhile
        List<UserId> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(events.register("Bystander " + i));
        }
        await("the neighbour's stamp is older than the gap timeout")
                .atMost(gapTimeout.plusSeconds(30))
                .until(() -> Instant.now().isAfter(stamped.plus(gapTimeout)));
        aged.commit();
        await("the user projections read the aged neighbour")
                .atMost(CONVERGENCE)
                .until(
                        () ->
                                USER_PROJECTIONS.stream()
                                        .allMatch(processor -> read(processor, agedPosition)));
        Set<String> passedForGood = new TreeSet<>();
        USER_PROJECTIONS.forEach(
                processor -> {
                    if (!waitsFor(processor, latePosition)) {
                        passedForGood.add(processor);
                    }
                });

        // when the held transaction commits, after its neighbour was read
        late.commit();

        // then every projection ends with exactly the events in the store
        List<UserId> written = new ArrayList<>(List.of(ada, neighbour));
        written.addAll(others);
        long started = System.nanoTime();
        everyProjectionMatchesTheStore(written);
        Map<String, Long> repairs = difference(repairs(), repairsBefore);
        System.out.printf(
                "Late commit: event %d held open while %d (stamped %s) and 5 more committed; the gap timeout"
                        + " is %s. Processors that stopped waiting for %d: %s. After the commit, repairs %s; every"
                        + " processor's ledger and the users table and index match the store %d ms later%n",
                latePosition,
                agedPosition,
                stamped,
                gapTimeout,
                latePosition,
                passedForGood,
                repairs,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(passedForGood)
                .as("user projections that passed %d for good: the fault happened", latePosition)
                .isEqualTo(USER_PROJECTIONS);
        assertThat(repairs.keySet())
                .as("processors rewound to take the late event")
                .containsAll(USER_PROJECTIONS);
        await("the projections' health once the repair is checked")
                .atMost(CONVERGENCE)
                .until(() -> Status.UP.equals(projectionsHealth.health().getStatus()));
        USER_PROJECTIONS.forEach(
                processor -> {
                    assertThat(
                                    meters.get("aic.projection.missing.events")
                                            .tag("processor", processor)
                                            .gauge()
                                            .value())
                            .as("missing events of %s", processor)
                            .isZero();
                    assertThat(
                                    meters.get("aic.projection.repairs")
                                            .tag("processor", processor)
                                            .counter()
                                            .count())
                            .as("repairs of %s", processor)
                            .isPositive();
                });
    }

    @Test
    void concurrentWritersHoldingTransactionsLoseNoEvent() throws Exception {
        Map<String, Long> repairsBefore = repairs();
        List<UserId> written = new ArrayList<>();
        AtomicLong appended = new AtomicLong();
        AtomicLong heldPastTheTimeout = new AtomicLong();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        Instant until = Instant.now().plus(WRITING);
        List<Future<List<UserId>>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running.add(
                    writers.submit(
                            () -> {
                                List<UserId> mine = new ArrayList<>();
                                ThreadLocalRandom random = ThreadLocalRandom.current();
                                while (Instant.now().isBefore(until)) {
                                    // a transaction that appends one event stamped now, then works
                                    // a while before it commits
                                    Duration hold =
                                            Duration.ofMillis(
                                                    random.nextLong(gapTimeout.toMillis() * 4 / 3));
                                    boolean register = mine.isEmpty() || random.nextInt(3) == 0;
                                    UserId id =
                                            register
                                                    ? new UserId(UUID.randomUUID())
                                                    : mine.get(random.nextInt(mine.size()));
                                    transactions.executeWithoutResult(
                                            tx -> {
                                                mostOpen.accumulateAndGet(
                                                        open.incrementAndGet(), Math::max);
                                                if (register) {
                                                    events.publish(
                                                            new UserEvent.Registered(
                                                                    id,
                                                                    UserEvents.emailOf(id),
                                                                    "Writer " + writer));
                                                } else {
                                                    events.publish(
                                                            new UserEvent.ProfileUpdated(
                                                                    id,
                                                                    "Writer " + writer,
                                                                    "update",
                                                                    List.of("w" + writer),
                                                                    null));
                                                }
                                                jdbc.queryForObject(
                                                        "SELECT pg_sleep(?)::text",
                                                        String.class,
                                                        hold.toMillis() / 1000.0);
                                                open.decrementAndGet();
                                            });
                                    if (register) {
                                        mine.add(id);
                                    }
                                    appended.incrementAndGet();
                                    if (hold.compareTo(gapTimeout) > 0) {
                                        heldPastTheTimeout.incrementAndGet();
                                    }
                                }
                                return mine;
                            }));
        }
        for (Future<List<UserId>> writer : running) {
            written.addAll(writer.get());
        }
        long started = System.nanoTime();
        everyProjectionMatchesTheStore(written);
        System.out.printf(
                "Concurrent writers: %d writers for %s appended %d events (%d users) in transactions held"
                        + " 0-%d ms after stamping (%d past the %s gap timeout, up to %d open at once); repairs %s;"
                        + " every processor's ledger and the users table and index match the store %d ms after the"
                        + " last commit%n",
                WRITERS,
                WRITING,
                appended.get(),
                written.size(),
                gapTimeout.toMillis() * 4 / 3,
                heldPastTheTimeout.get(),
                gapTimeout,
                mostOpen.get(),
                difference(repairs(), repairsBefore),
                (System.nanoTime() - started) / 1_000_000);
    }

    private HeldTransaction hold(java.util.function.LongSupplier append) {
        return new HeldTransaction(transactions, writers, append);
    }

    /**
     * Waits until the store and every read model agree: each processor has read up to the head and
     * its ledger matches the store, and the users table and index hold exactly the written users,
     * each at the version of its last event.
     */
    private void everyProjectionMatchesTheStore(Collection<UserId> users) {
        List<String> ids = users.stream().map(UserId::toString).distinct().toList();
        await("every projection holds exactly the events of the store")
                .atMost(CONVERGENCE)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> {
                            long head = events.head();
                            Map<String, Long> inStore = lastSequenceNumbers(ids);
                            assertThat(inStore).as("users in the store").hasSize(ids.size());
                            assertThat(tableVersions(ids))
                                    .as("users table: ids and versions")
                                    .isEqualTo(inStore);
                            Map<String, Long> indexed = new TreeMap<>();
                            inStore.forEach((id, sequence) -> indexed.put(id, sequence + 1));
                            assertThat(indexVersions(ids))
                                    .as("users index: ids and versions")
                                    .isEqualTo(indexed);
                            List<ProcessorFinding> findings = check.run();
                            assertThat(findings)
                                    .as("processors")
                                    .isNotEmpty()
                                    .allSatisfy(
                                            finding -> {
                                                assertThat(finding.checkedUpTo())
                                                        .as("%s read up to", finding.processor())
                                                        .isGreaterThanOrEqualTo(head);
                                                assertThat(finding.mismatches())
                                                        .as(
                                                                "%s against the store",
                                                                finding.processor())
                                                        .isEmpty();
                                            });
                        });
    }

    private Map<String, Long> lastSequenceNumbers(List<String> ids) {
        Map<String, Long> last = new TreeMap<>();
        jdbc.query(
                """
                SELECT aggregateidentifier, max(sequencenumber) AS last FROM event_store.domainevententry
                WHERE aggregateidentifier = ANY (?) GROUP BY 1""",
                row -> {
                    last.put(row.getString(1), row.getLong(2));
                },
                (Object) ids.toArray(String[]::new));
        return last;
    }

    private Map<String, Long> tableVersions(List<String> ids) {
        Map<String, Long> versions = new TreeMap<>();
        jdbc.query(
                "SELECT id::text, version FROM user_profile WHERE id::text = ANY (?)",
                row -> {
                    versions.put(row.getString(1), row.getLong(2));
                },
                (Object) ids.toArray(String[]::new));
        return versions;
    }

    @SuppressWarnings("rawtypes")
    private Map<String, Long> indexVersions(List<String> ids) throws IOException {
        Map<String, Long> versions = new TreeMap<>();
        String alias = openSearchProperties.alias("users");
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + 500));
            var found = openSearch.mget(get -> get.index(alias).ids(page), Map.class);
            found.docs().stream()
                    .filter(doc -> doc.isResult() && doc.result().found())
                    .forEach(doc -> versions.put(doc.result().id(), doc.result().version()));
        }
        return versions;
    }

    private long index(String processor) {
        return ProjectionCheck.reach(tokens.segments(processor))
                .map(ProjectionCheck.Reach::index)
                .orElse(-1L);
    }

    /**
     * Whether every segment of the processor has read past the position and does not wait for it.
     */
    private boolean read(String processor, long position) {
        List<TokenTable.Segment> segments = tokens.segments(processor);
        return !segments.isEmpty()
                && segments.stream()
                        .allMatch(
                                segment -> {
                                    TrackingToken token =
                                            WrappedToken.unwrapLowerBound(segment.token());
                                    return token instanceof GapAwareTrackingToken gapAware
                                            && gapAware.getIndex() >= position
                                            && !gapAware.getGaps().contains(position);
                                });
    }

    /**
     * Whether every segment of the processor either has not reached the position or keeps it as a
     * gap.
     */
    private boolean waitsFor(String processor, long position) {
        return tokens.segments(processor).stream()
                .allMatch(
                        segment -> {
                            TrackingToken token = WrappedToken.unwrapLowerBound(segment.token());
                            return !(token instanceof GapAwareTrackingToken gapAware)
                                    || gapAware.getIndex() < position
                                    || gapAware.getGaps().contains(position);
                        });
    }

    private Map<String, Long> repairs() {
        Map<String, Long> repairs = new ConcurrentHashMap<>();
        status.findings()
                .keySet()
                .forEach(processor -> repairs.put(processor, status.repairs(processor)));
        return repairs;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> made = new TreeMap<>();
        after.forEach(
                (processor, count) -> {
                    long more = count - before.getOrDefault(processor, 0L);
                    if (more > 0) {
                        made.put(processor, more);
                    }
                });
        return made;
    }
}
