package dev.aic.queryside.rebuild;

import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.UserEvents;
import dev.aic.queryside.search.OpenSearchProperties;
import dev.aic.testsupport.DevIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilds of a PostgreSQL projection, the pgvector one and an OpenSearch one while events keep
 * coming and members keep reading, over real HTTP, PostgreSQL and OpenSearch.
 */
@QuerySideIntegrationTest
class ProjectionRebuildIT {

    private static final Duration REBUILD_DEADLINE = Duration.ofSeconds(120);
    private static final EmbeddingModel MINILM =
            new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);
    private static final String ADMIN = "adam";

    @Autowired TestRestTemplate http;
    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired Rebuilds rebuilds;
    @Autowired OpenSearchClient openSearch;
    @Autowired OpenSearchProperties openSearchProperties;
    @Autowired RebuildTokens tokens;

    UserEvents users;

    @BeforeEach
    void connect() {
        users = new UserEvents(eventStore, jdbc);
    }

    @Test
    void projectionsAreRebuiltAndSwappedInWhileEventsAreWrittenAndReadsNeverFail() {
        String reader = UserEvents.newUsername();
        UserId me = users.registerAs(reader, "Rita Reader");
        List<UserId> members =
                IntStream.range(0, 30).mapToObj(i -> users.register("Member " + i)).toList();
        members.forEach(
                member ->
                        users.publish(
                                new UserEvent.ProfileUpdated(
                                        member,
                                        "Renamed " + member.value(),
                                        "bio",
                                        List.of("ml"),
                                        null)));
        List<DocumentId> documents =
                IntStream.range(0, 5).mapToObj(i -> embeddedDocument(me, 4)).toList();
        awaitLiveAt(users.head(), USERS, DOCUMENTS, USERS_SEARCH);

        Load load = new Load(me, reader, documents.get(0));
        try {
            for (String projection : List.of(USERS, DOCUMENTS, USERS_SEARCH)) {
                ResponseEntity<Map> started =
                        send("POST", ADMIN, "/api/admin/projections/" + projection + "/rebuild");
                assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
                assertThat(started.getBody()).containsEntry("state", "RUNNING");
            }
            // The suites share one database and one OpenSearch cluster: other suites call handlers
            // directly, evict
            // dead letters, and leave users of earlier runs in the index, so a live model need not
            // be what the store
            // alone builds. The first comparison may find that and refuse the swap; the operator
            // forces it. The
            // second rebuild below must then be equal.
            for (String projection : List.of(USERS, DOCUMENTS, USERS_SEARCH)) {
                swappedIn(projection);
            }
            await().atMost(REBUILD_DEADLINE)
                    .until(() -> load.writes.get() > 20 && load.reads.get() > 20);
        } finally {
            load.stop();
        }
        assertThat(load.failures).as("failed reads and writes").hasValue(0);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'query_rebuild_%'",
                                Integer.class))
                .isZero();

        // the swapped-in models keep following the event store
        UserId late = users.register("Late Larry");
        awaitLiveAt(users.head(), USERS, USERS_SEARCH);
        assertThat(send("GET", reader, "/api/users/" + late.value()).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // and they are what a model built from scratch is: a second rebuild finds no difference at
        // the same event
        for (String projection : List.of(USERS, DOCUMENTS, USERS_SEARCH)) {
            send("POST", ADMIN, "/api/admin/projections/" + projection + "/rebuild");
        }
        for (String projection : List.of(USERS, DOCUMENTS, USERS_SEARCH)) {
            Map<?, ?> comparison = (Map<?, ?>) awaitState(projection, "SWAPPED").get("comparison");
            assertThat(comparison.get("samePosition")).isEqualTo(true);
            assertThat(comparison.get("equal")).as(projection + " " + comparison).isEqualTo(true);
            assertThat((List<?>) comparison.get("parts")).isNotEmpty();
        }
    }

    @Test
    void aCancelledRebuildLeavesNothingBehindAndAnInterruptedOneResumesFromItsToken()
            throws Exception {
        UserId member = users.register("Cora Cancel");
        awaitLiveAt(users.head(), COMMUNITY_EVENTS, USERS_SEARCH);

        assertThat(
                        send("POST", ADMIN, "/api/admin/projections/community-events/rebuild")
                                .getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<Map> again =
                send("POST", ADMIN, "/api/admin/projections/community-events/rebuild");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).containsEntry("type", "urn:aic:problem:rebuild-conflict");
        ResponseEntity<Map> cancelled =
                send("DELETE", ADMIN, "/api/admin/projections/community-events/rebuild");
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(cancelled.getBody()).containsEntry("state", "CANCELLED");
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM pg_namespace WHERE nspname = 'query_rebuild_community_events'",
                                Integer.class))
                .isZero();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM tokenentry WHERE processorname = 'community-events-rebuild'",
                                Integer.class))
                .isZero();
        assertThat(
                        send("DELETE", ADMIN, "/api/admin/projections/community-events/rebuild")
                                .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        ResponseEntity<Map> search =
                send("POST", ADMIN, "/api/admin/projections/users-search/rebuild");
        String generation =
                openSearchProperties.alias("users")
                        + "-v2-r"
                        + Instant.parse((String) search.getBody().get("startedAt"))
                                .getEpochSecond();
        assertThat(openSearch.indices().exists(e -> e.index(generation)).value()).isTrue();
        assertThat(send("DELETE", ADMIN, "/api/admin/projections/users-search/rebuild").getBody())
                .containsEntry("state", "CANCELLED");
        assertThat(openSearch.indices().exists(e -> e.index(generation)).value()).isFalse();

        // interrupted as a shutdown would: the rebuild processor stops, its token and shadow tables
        // stay
        assertThat(send("POST", ADMIN, "/api/admin/projections/users/rebuild").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(REBUILD_DEADLINE).until(() -> position("users-rebuild") != null);
        rebuilds.interrupt();
        Long interruptedAt = position("users-rebuild");
        assertThat(interruptedAt).isNotNull();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM query_rebuild_users.user_profile",
                                Integer.class))
                .isPositive();
        // the next poll resumes it from that token, and it completes
        assertThat(swappedIn(USERS).get("eventsDone")).isInstanceOf(Number.class);
        assertThat(send("GET", ADMIN, "/api/users/" + member.value()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void rebuildsAreForAdministratorsAndTheirStatusForEverySignedInUser() {
        assertThat(send("POST", "alice", "/api/admin/projections/users/rebuild").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("GET", "alice", "/api/admin/projections/users/compare").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> status =
                send("GET", "alice", "/api/admin/projections/community-events-search/rebuild");
        assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(status.getBody()).containsKeys("state", "eventsTotal");
        ResponseEntity<Map> unknown = send("POST", ADMIN, "/api/admin/projections/nothing/rebuild");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).containsEntry("type", "urn:aic:problem:not-found");
        assertThat(send("GET", null, "/api/admin/projections/users/rebuild").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /**
     * Appends events and reads through the API on two threads until stopped; counts what failed.
     */
    private final class Load {

        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final CompletableFuture<Void> writer;
        final CompletableFuture<Void> reader;

        Load(UserId me, String username, DocumentId document) {
            writer =
                    CompletableFuture.runAsync(
                            () -> {
                                while (running.get()) {
                                    try {
                                        UserId member = users.register("Loaded " + writes.get());
                                        long written =
                                                users.publish(
                                                        new UserEvent.ProfileUpdated(
                                                                member,
                                                                "Loaded again",
                                                                "bio",
                                                                List.of(),
                                                                null));
                                        embeddedDocument(me, 2);
                                        writes.incrementAndGet();
                                        // a client's pace: the next write once the live models show
                                        // this one
                                        await().atMost(REBUILD_DEADLINE)
                                                .pollInterval(Duration.ofMillis(20))
                                                .until(
                                                        () ->
                                                                covers(USERS, written)
                                                                        && covers(
                                                                                USERS_SEARCH,
                                                                                written));
                                    } catch (RuntimeException e) {
                                        failures.incrementAndGet();
                                    }
                                }
                            });
            reader =
                    CompletableFuture.runAsync(
                            () -> {
                                while (running.get()) {
                                    for (String path :
                                            List.of(
                                                    "/api/users/" + me.value(),
                                                    "/api/users?q=Member",
                                                    "/api/documents/" + document.value(),
                                                    "/api/documents?owner=me")) {
                                        ResponseEntity<Map> answer = send("GET", username, path);
                                        reads.incrementAndGet();
                                        if (answer.getStatusCode() != HttpStatus.OK) {
                                            failures.incrementAndGet();
                                        }
                                    }
                                }
                            });
        }

        void stop() {
            running.set(false);
            writer.join();
            reader.join();
        }
    }

    /**
     * A document uploaded by {@code owner} and embedded in {@code chunks} chunks: the pgvector
     * rows.
     */
    private DocumentId embeddedDocument(UserId owner, int chunks) {
        DocumentId id = new DocumentId(UUID.randomUUID());
        publish(
                new DocumentEvent.Uploaded(
                        id,
                        1,
                        owner,
                        "Notes " + id.value(),
                        List.of("ml"),
                        DocumentVisibility.MEMBERS,
                        null,
                        "application/pdf",
                        2048,
                        "0123456789abcdef".repeat(4),
                        "documents/" + id + "/1",
                        "notes.pdf"));
        publish(new DocumentEvent.ProcessingStarted(id, 1, MINILM));
        publish(
                new DocumentEvent.ChunksEmbedded(
                        id,
                        1,
                        MINILM,
                        IntStream.range(0, chunks)
                                .mapToObj(
                                        index -> {
                                            String text =
                                                    "Passage " + index + " about gradient descent.";
                                            float[] values = new float[384];
                                            for (int i = 0; i < values.length; i++) {
                                                values[i] =
                                                        (float)
                                                                        Math.sin(
                                                                                index * 31
                                                                                        + i
                                                                                        + id.value()
                                                                                                        .getLeastSignificantBits()
                                                                                                % 1000)
                                                                / 10;
                                            }
                                            return new EmbeddedChunk(
                                                    index,
                                                    text,
                                                    0,
                                                    ChunkLocation.page(1),
                                                    0,
                                                    text.length(),
                                                    8,
                                                    new EmbeddingVector(values));
                                        })
                                .toList()));
        publish(new DocumentEvent.ProcessingCompleted(id, 1, MINILM, chunks));
        return id;
    }

    private void publish(DocumentEvent event) {
        String id = event.documentId().toString();
        Long last =
                jdbc.queryForObject(
                        "SELECT max(sequencenumber) FROM event_store.domainevententry WHERE aggregateidentifier = ?",
                        Long.class,
                        id);
        eventStore.publish(
                new GenericDomainEventMessage<>(
                        "Document",
                        id,
                        last == null ? 0 : last + 1,
                        event,
                        MetaData.emptyInstance()));
    }

    private Map<?, ?> awaitState(String projection, String... states) {
        await().atMost(REBUILD_DEADLINE)
                .untilAsserted(
                        () ->
                                assertThat(
                                                send(
                                                                "GET",
                                                                ADMIN,
                                                                "/api/admin/projections/"
                                                                        + projection
                                                                        + "/rebuild")
                                                        .getBody()
                                                        .get("state"))
                                        .as(projection)
                                        .isIn((Object[]) states));
        return send("GET", ADMIN, "/api/admin/projections/" + projection + "/rebuild").getBody();
    }

    /**
     * Waits for the rebuild to be swapped in, forcing the swap when the comparison found the live
     * model different at the same event (see above); returns the final status.
     */
    private Map<?, ?> swappedIn(String projection) {
        Map<?, ?> status = awaitState(projection, "SWAPPED", "DIFFERS");
        if ("DIFFERS".equals(status.get("state"))) {
            Map<?, ?> comparison = (Map<?, ?>) status.get("comparison");
            System.out.println(
                    "First rebuild of "
                            + projection
                            + " differs from the live model: "
                            + comparison);
            assertThat(comparison.get("samePosition")).as(projection).isEqualTo(true);
            assertThat(
                            send(
                                            "POST",
                                            ADMIN,
                                            "/api/admin/projections/"
                                                    + projection
                                                    + "/rebuild/swap")
                                    .getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
            status = awaitState(projection, "SWAPPED");
            assertThat(status.get("detail").toString()).contains("by force");
        }
        return status;
    }

    private void awaitLiveAt(long head, String... processors) {
        await().atMost(REBUILD_DEADLINE)
                .until(
                        () ->
                                List.of(processors).stream()
                                        .allMatch(
                                                processor -> {
                                                    Long position = position(processor);
                                                    return position != null && position >= head;
                                                }));
    }

    private boolean covers(String processor, long position) {
        Long reached = tokens.position(processor);
        return reached != null && reached >= position;
    }

    /** A processor's position as the token store has it; null before it has one. */
    private Long position(String processor) {
        return tokens.position(processor);
    }

    @SuppressWarnings("rawtypes")
    private ResponseEntity<Map> send(String method, String user, String path) {
        RequestEntity.BodyBuilder request =
                RequestEntity.method(org.springframework.http.HttpMethod.valueOf(method), path);
        if (user != null) {
            request.header(
                    HttpHeaders.AUTHORIZATION, "Bearer " + DevIdentity.start().accessToken(user));
        }
        return http.exchange(request.build(), Map.class);
    }
}
