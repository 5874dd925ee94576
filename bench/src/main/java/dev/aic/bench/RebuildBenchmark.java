package dev.aic.bench;

import static dev.aic.queryside.ProjectionNames.ANALYTICS_COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.ANALYTICS_DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.ANALYTICS_MEMBERS;
import static dev.aic.queryside.ProjectionNames.ANALYTICS_RSVPS;
import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS_SEARCH;
import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENT_CHUNKS_SEARCH;
import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aic.contracts.communityevent.CommunityEventEvent;
import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.communityevent.Details;
import dev.aic.contracts.communityevent.Schedule;
import dev.aic.contracts.communityevent.Visibility;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.EmbeddingVector;
import dev.aic.contracts.user.UserEvent;
import dev.aic.contracts.user.UserId;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * Projection rebuild rates over a large event store, next to raw baselines measured in the same
 * run.
 *
 * <p>Creates a fresh database, starts a query-side of its own on it (so the tables and indices
 * exist), stops it, COPYs users', documents' and community events' events (with their RSVPs) into
 * the event store, moves the live processors' tokens to the newest event (so only the rebuilds read
 * the store), starts the query-side again and rebuilds each projection through {@code POST
 * /api/admin/projections/{name}/rebuild?force=true} (forced: the live models are empty by
 * construction, so the comparison differs). The rate is stored events read per second of rebuild,
 * from start to swap (comparison and index builds included). The baselines: COPY of the same number
 * of rows into a copy of the projection's table (with the HNSW index built afterwards for the
 * chunks); for each OpenSearch projection, a raw {@code _bulk} of the very documents its rebuild
 * produced into a scratch index with the same definition, right after that rebuild.
 */
public final class RebuildBenchmark {

    // times as ISO-8601 text, as the platform's serializer writes them
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .findAndRegisterModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DATABASE = "aic_bench_rebuild";
    private static final String PREFIX = "bench-rebuild-";
    private static final EmbeddingModel MODEL =
            new EmbeddingModel("all-minilm-l6-v2", "a".repeat(64), 384);
    private static final List<String> LIVE_PROCESSORS =
            List.of(
                    USERS,
                    USERS_SEARCH,
                    COMMUNITY_EVENTS,
                    COMMUNITY_EVENTS_SEARCH,
                    DOCUMENTS,
                    DOCUMENT_CHUNKS_SEARCH,
                    ANALYTICS_MEMBERS,
                    ANALYTICS_COMMUNITY_EVENTS,
                    ANALYTICS_RSVPS,
                    ANALYTICS_DOCUMENTS);

    /** The alias each OpenSearch projection fills (without the run's prefix). */
    private static final Map<String, String> ALIASES =
            Map.of(
                    USERS_SEARCH, "users",
                    COMMUNITY_EVENTS_SEARCH, "community-events",
                    DOCUMENT_CHUNKS_SEARCH, "document-chunks",
                    ANALYTICS_MEMBERS, "analytics-members",
                    ANALYTICS_COMMUNITY_EVENTS, "analytics-community-events",
                    ANALYTICS_RSVPS, "analytics-rsvps",
                    ANALYTICS_DOCUMENTS, "analytics-documents");

    private final Map<String, String> options;
    private final String password = System.getenv("AIC_PG_PASSWORD");
    private final Map<String, Object> results = new LinkedHashMap<>();
    private Process querySide;

    private RebuildBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--users", "460000");
        options.put("--documents", "20000");
        options.put("--chunks", "2");
        options.put("--community-events", "2000");
        options.put("--rsvps", "20");
        options.put("--port", "28592");
        options.put(
                "--projections",
                "users,documents,users-search,"
                        + "analytics-members,analytics-community-events,analytics-rsvps,analytics-documents");
        options.put("--jdbc-url", "jdbc:postgresql://127.0.0.1:55432/aic");
        options.put("--db-user", "aic");
        options.put("--opensearch-url", "http://127.0.0.1:59200");
        options.put("--issuer-url", "http://127.0.0.1:9000");
        options.put("--out", "bench/target");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                System.err.println(
                        "usage: RebuildBenchmark [--users N] [--documents N] [--chunks N] [--community-events N]"
                                + " [--rsvps N] [--projections a,b]"
                                + " [--query-jar JAR] [--event-store-ddl SQL] [--jdbc-url URL] [--db-user U] [--opensearch-url URL]"
                                + " [--issuer-url URL] [--port N] [--out DIR]");
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        new RebuildBenchmark(options).run();
    }

    private int number(String option) {
        return Integer.parseInt(options.get(option));
    }

    private void run() throws Exception {
        int users = number("--users");
        int documents = number("--documents");
        int chunks = number("--chunks");
        int communityEvents = number("--community-events");
        int rsvps = number("--rsvps");
        long userEvents = 2L * users;
        long documentEvents = 4L * documents;
        long communityEventEvents = communityEvents * (2L + rsvps);
        long events = userEvents + documentEvents + communityEventEvents;
        say(
                String.format(
                        "fresh database %s: %,d users (2 events each), %,d documents (4 events, %d chunks"
                                + " each), %,d community events (drafted, published, %d RSVPs each):"
                                + " %,d events",
                        DATABASE, users, documents, chunks, communityEvents, rsvps, events));
        freshDatabase();
        try {
            startQuerySide();
            stopQuerySide();
            long copyStarted = System.nanoTime();
            copyEvents(users, documents, chunks, communityEvents, rsvps);
            say(String.format("events COPYed in %.1f s", seconds(copyStarted)));
            moveLiveTokensToHead();
            baselines(users, documents, chunks);
            startQuerySide();
            for (String projection : options.get("--projections").split(",")) {
                String name = projection.trim();
                // the events the projection handles; it reads (and skips) the others too
                long own =
                        switch (name) {
                            case USERS, USERS_SEARCH, ANALYTICS_MEMBERS -> userEvents;
                            case DOCUMENTS, DOCUMENT_CHUNKS_SEARCH, ANALYTICS_DOCUMENTS ->
                                    documentEvents;
                            case ANALYTICS_RSVPS -> (long) communityEvents * rsvps;
                            default -> communityEventEvents;
                        };
                double seconds = rebuild(name, events, own);
                if (ALIASES.containsKey(name)) {
                    openSearchBaseline(name, seconds);
                }
            }
        } finally {
            stopQuerySide();
            dropRun();
        }
        summary();
    }

    // --- the event store
    // -------------------------------------------------------------------------------------

    private void freshDatabase() throws Exception {
        try (Connection connection = connect(options.get("--jdbc-url"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        Path eventStore =
                Path.of(
                        options.getOrDefault(
                                "--event-store-ddl",
                                "command-side/src/main/resources/db/migration/V1__event_store.sql"));
        String ddl = Files.readString(eventStore);
        // the query-side's serializer looks up the personal-data keys of user events (the
        // benchmark's are stored in plain text, under no key)
        String keys = Files.readString(eventStore.resolveSibling("V8__personal_data_keys.sql"));
        try (Connection connection = connect(benchUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA event_store");
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            statement.execute("SET search_path TO event_store");
            statement.execute(ddl);
            statement.execute(keys);
        }
    }

    private void copyEvents(int users, int documents, int chunks, int communityEvents, int rsvps)
            throws Exception {
        try (Connection connection = connect(benchUrl())) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            var in =
                    copy.copyIn(
                            "COPY event_store.domainevententry (eventidentifier, metadata, payload, payloadrevision,"
                                    + " payloadtype, timestamp, aggregateidentifier, sequencenumber, type) FROM STDIN");
            StringBuilder batch = new StringBuilder(1 << 20);
            Consumer<String> flush =
                    line -> {
                        batch.append(line);
                        if (batch.length() > (1 << 20)) {
                            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                            try {
                                in.writeToCopy(bytes, 0, bytes.length);
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                            batch.setLength(0);
                        }
                    };
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            List<UserId> owners = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                UserId id = new UserId(new UUID(0, i + 1));
                if (owners.size() < 1000) {
                    owners.add(id);
                }
                flush.accept(
                        row(
                                "User",
                                id.toString(),
                                0,
                                new UserEvent.Registered(
                                        id, "member-" + i + "@example.org", "Member " + i),
                                at));
                flush.accept(
                        row(
                                "User",
                                id.toString(),
                                1,
                                new UserEvent.ProfileUpdated(
                                        id,
                                        "Renamed member " + i,
                                        "Reads about distributed systems",
                                        List.of("ml", "databases"),
                                        null),
                                at));
            }
            Random random = new Random(42);
            for (int d = 0; d < documents; d++) {
                DocumentId id = new DocumentId(new UUID(1, d + 1));
                String aggregate = id.toString();
                flush.accept(
                        row(
                                "Document",
                                aggregate,
                                0,
                                new DocumentEvent.Uploaded(
                                        id,
                                        1,
                                        owners.get(d % owners.size()),
                                        "Notes " + d,
                                        List.of("ml"),
                                        DocumentVisibility.MEMBERS,
                                        null,
                                        "application/pdf",
                                        2048,
                                        "0123456789abcdef".repeat(4),
                                        "documents/" + id + "/1",
                                        "notes.pdf"),
                                at));
                flush.accept(
                        row(
                                "Document",
                                aggregate,
                                1,
                                new DocumentEvent.ProcessingStarted(id, 1, MODEL),
                                at));
                List<EmbeddedChunk> embedded = new ArrayList<>();
                for (int c = 0; c < chunks; c++) {
                    float[] vector = new float[384];
                    for (int v = 0; v < vector.length; v++) {
                        vector[v] = (float) random.nextGaussian();
                    }
                    String text =
                            "Passage "
                                    + c
                                    + " of document "
                                    + d
                                    + " about gradient descent and its variants.";
                    embedded.add(
                            new EmbeddedChunk(
                                    c,
                                    text,
                                    0,
                                    ChunkLocation.page(1),
                                    0,
                                    text.length(),
                                    14,
                                    new EmbeddingVector(vector)));
                }
                flush.accept(
                        row(
                                "Document",
                                aggregate,
                                2,
                                new DocumentEvent.ChunksEmbedded(id, 1, MODEL, embedded),
                                at));
                flush.accept(
                        row(
                                "Document",
                                aggregate,
                                3,
                                new DocumentEvent.ProcessingCompleted(id, 1, MODEL, chunks),
                                at));
            }
            Instant startsAt = Instant.parse("2026-06-01T18:00:00Z");
            for (int e = 0; e < communityEvents; e++) {
                CommunityEventId id = new CommunityEventId(new UUID(4, e + 1));
                String aggregate = id.toString();
                flush.accept(
                        row(
                                "CommunityEvent",
                                aggregate,
                                0,
                                new CommunityEventEvent.Drafted(
                                        id,
                                        owners.get(e % owners.size()),
                                        new Details(
                                                "Meetup " + e,
                                                "Talks about retrieval and ranking",
                                                "Hall " + (e % 7),
                                                null,
                                                List.of("ml", "search"),
                                                Visibility.MEMBERS),
                                        new Schedule(startsAt, startsAt.plusSeconds(7200), "UTC"),
                                        rsvps),
                                at));
                flush.accept(
                        row(
                                "CommunityEvent",
                                aggregate,
                                1,
                                new CommunityEventEvent.Published(id),
                                at));
                for (int r = 0; r < rsvps; r++) {
                    flush.accept(
                            row(
                                    "CommunityEvent",
                                    aggregate,
                                    2 + r,
                                    new CommunityEventEvent.RsvpConfirmed(
                                            id, owners.get((e + r) % owners.size())),
                                    at));
                }
            }
            byte[] rest = batch.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(rest, 0, rest.length);
            in.endCopy();
        }
    }

    /**
     * One event as Axon's JDBC engine stores it, as a line of COPY's text format (bytea in hex).
     */
    private static String row(
            String type, String aggregate, long sequence, Object payload, Instant at) {
        try {
            return String.join(
                            "\t",
                            UUID.randomUUID().toString(),
                            hex("{}".getBytes(StandardCharsets.UTF_8)),
                            hex(JSON.writeValueAsBytes(payload)),
                            "1",
                            payload.getClass().getName(),
                            at.toString(),
                            aggregate,
                            Long.toString(sequence),
                            type)
                    + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return "\\\\x" + HexFormat.of().formatHex(bytes);
    }

    /** The live processors start at the newest event: only the rebuilds read the stored history. */
    private void moveLiveTokensToHead() throws Exception {
        try (Connection connection = connect(benchUrl());
                Statement statement = connection.createStatement()) {
            var head =
                    statement.executeQuery(
                            "SELECT max(globalindex) FROM event_store.domainevententry");
            head.next();
            long position = head.getLong(1);
            String token =
                    "\\x"
                            + HexFormat.of()
                                    .formatHex(
                                            ("{\"index\":" + position + ",\"gaps\":[]}")
                                                    .getBytes(StandardCharsets.UTF_8));
            for (String processor : LIVE_PROCESSORS) {
                statement.execute(
                        "DELETE FROM query.tokenentry WHERE processorname = '" + processor + "'");
                statement.execute(
                        "INSERT INTO query.tokenentry (processorname, segment, token, tokentype) VALUES ('"
                                + processor
                                + "', 0, '"
                                + token
                                + "'::bytea, 'org.axonframework.eventhandling.GapAwareTrackingToken')");
            }
        }
    }

    /** The run's database and indices go again: a million events take half a gigabyte. */
    private void dropRun() throws Exception {
        try (Connection connection = connect(options.get("--jdbc-url"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
        send("DELETE", options.get("--opensearch-url") + "/" + PREFIX + "*", null);
    }

    // --- baselines
    // -------------------------------------------------------------------------------------------

    private void baselines(int users, int documents, int chunks) throws Exception {
        try (Connection connection = connect(benchUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS bench CASCADE");
            statement.execute("CREATE SCHEMA bench");
            statement.execute(
                    "CREATE TABLE bench.user_profile (LIKE query.user_profile INCLUDING ALL)");
            statement.execute(
                    "CREATE TABLE bench.document_chunk (LIKE query.document_chunk INCLUDING DEFAULTS"
                            + " INCLUDING CONSTRAINTS EXCLUDING INDEXES)");
            statement.execute(
                    "ALTER TABLE bench.document_chunk ADD PRIMARY KEY (document_id, document_version,"
                            + " model_fingerprint, chunk_index)");
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            // one row per user event: the projection writes (inserts or updates) one row per event
            long started = System.nanoTime();
            try (Writer writer =
                    buffered(
                            copy.copyIn(
                                    "COPY bench.user_profile (id, email, display_name,"
                                            + " registered_at, updated_at, version) FROM STDIN"))) {
                for (long i = 0; i < 2L * users; i++) {
                    writer.write(
                            new UUID(2, i + 1)
                                    + "\tmember-"
                                    + i
                                    + "@example.org\tMember "
                                    + i
                                    + "\t2026-01-01T00:00:00Z\t2026-01-01T00:00:00Z\t1\n");
                }
            }
            double copySeconds = seconds(started);
            results.put("baseline.postgres.rowsPerSecond", 2L * users / copySeconds);
            say(
                    String.format(
                            "baseline PostgreSQL: COPY of %,d user_profile rows: %,.0f rows/s",
                            2L * users, 2L * users / copySeconds));

            started = System.nanoTime();
            Random random = new Random(7);
            try (Writer writer =
                    buffered(
                            copy.copyIn(
                                    "COPY bench.document_chunk (document_id, document_version,"
                                            + " model_fingerprint, chunk_index, model_name, text, section_index, start_offset, end_offset,"
                                            + " token_count, embedding, owner_id, visibility, created_at) FROM STDIN"))) {
                for (int d = 0; d < documents; d++) {
                    for (int c = 0; c < chunks; c++) {
                        StringBuilder vector = new StringBuilder("[");
                        for (int v = 0; v < 384; v++) {
                            vector.append(v == 0 ? "" : ",").append((float) random.nextGaussian());
                        }
                        writer.write(
                                new UUID(3, d + 1)
                                        + "\t1\t"
                                        + "a".repeat(64)
                                        + "\t"
                                        + c
                                        + "\tall-minilm-l6-v2\tPassage "
                                        + c
                                        + "\t0\t0\t60\t14\t"
                                        + vector
                                        + "]\t"
                                        + new UUID(0, 1)
                                        + "\tMEMBERS\t2026-01-01T00:00:00Z\n");
                    }
                }
            }
            statement.execute(
                    "CREATE INDEX ON bench.document_chunk USING hnsw (embedding vector_cosine_ops)"
                            + " WITH (m = 16, ef_construction = 64)");
            double vectorSeconds = seconds(started);
            long chunkRows = (long) documents * chunks;
            results.put("baseline.pgvector.chunksPerSecond", chunkRows / vectorSeconds);
            results.put(
                    "baseline.pgvector.documentEventsPerSecond", 4L * documents / vectorSeconds);
            say(
                    String.format(
                            "baseline pgvector: COPY of %,d chunks + HNSW build: %,.0f chunks/s (%,.0f document"
                                    + " events/s at 4 events per document)",
                            chunkRows, chunkRows / vectorSeconds, 4L * documents / vectorSeconds));
            statement.execute("DROP SCHEMA bench CASCADE");
        }
    }

    /**
     * A raw {@code _bulk} of the documents the rebuild has just produced into a scratch index with
     * the same settings and mappings, 1,000 per request, refreshed at the end: what OpenSearch
     * takes when nothing but indexing is asked of it. Read first, untimed; the rebuild's rate is
     * its documents over its seconds from start to swap.
     */
    private void openSearchBaseline(String projection, double rebuildSeconds) throws Exception {
        String base = options.get("--opensearch-url");
        String alias = PREFIX + ALIASES.get(projection);
        String scratch = PREFIX + "baseline-" + ALIASES.get(projection);
        send("DELETE", base + "/" + scratch, null);
        JsonNode live = JSON.readTree(send("GET", base + "/" + alias, null));
        JsonNode definition = live.elements().next();
        ObjectNode settings = ((ObjectNode) definition.path("settings").path("index")).deepCopy();
        List.of("uuid", "creation_date", "provided_name", "version").forEach(settings::remove);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").set("index", settings);
        body.set("mappings", definition.get("mappings"));
        send("PUT", base + "/" + scratch, JSON.writeValueAsString(body));
        List<String> requests = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        long documents = 0;
        JsonNode page =
                JSON.readTree(
                        send(
                                "POST",
                                base + "/" + alias + "/_search?scroll=1m",
                                "{\"size\":1000,\"version\":true,\"sort\":[\"_doc\"]}"));
        while (page.path("hits").path("hits").size() > 0) {
            for (JsonNode hit : page.path("hits").path("hits")) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("index")
                        .put("_index", scratch)
                        .put("_id", hit.path("_id").asText())
                        .put("version_type", "external")
                        .put("version", hit.path("_version").asLong());
                bulk.append(JSON.writeValueAsString(action))
                        .append('\n')
                        .append(JSON.writeValueAsString(hit.path("_source")))
                        .append('\n');
                if (++documents % 1000 == 0) {
                    requests.add(bulk.toString());
                    bulk.setLength(0);
                }
            }
            page =
                    JSON.readTree(
                            send(
                                    "POST",
                                    base + "/_search/scroll",
                                    "{\"scroll\":\"1m\",\"scroll_id\":\""
                                            + page.path("_scroll_id").asText()
                                            + "\"}"));
        }
        if (!bulk.isEmpty()) {
            requests.add(bulk.toString());
        }
        long started = System.nanoTime();
        for (String request : requests) {
            send("POST", base + "/_bulk", request);
        }
        send("POST", base + "/" + scratch + "/_refresh", null);
        double elapsed = seconds(started);
        send("DELETE", base + "/" + scratch, null);
        double bulkRate = documents / elapsed;
        double rebuildRate = documents / rebuildSeconds;
        results.put("baseline.opensearch." + projection + ".documents", documents);
        results.put("baseline.opensearch." + projection + ".documentsPerSecond", bulkRate);
        results.put("rebuild." + projection + ".documentsPerSecond", rebuildRate);
        say(
                String.format(
                        "baseline OpenSearch for %s: raw _bulk of its %,d documents: %,.0f documents/s;"
                                + " the rebuild: %,.0f documents/s",
                        projection, documents, bulkRate, rebuildRate));
    }

    // --- the rebuilds
    // ----------------------------------------------------------------------------------------

    /** Rebuilds the projection through the API and returns its seconds from start to swap. */
    private double rebuild(String projection, long events, long own) throws Exception {
        String token =
                AccessToken.clientCredentials(
                        URI.create(options.get("--issuer-url")),
                        "adam",
                        System.getenv().getOrDefault("AIC_DEV_IDENTITY_SECRET", "dev-secret"));
        String url = querySideUrl() + "/api/admin/projections/" + projection + "/rebuild";
        HttpResponse<String> started =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(url + "?force=true"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException(
                    "POST " + url + ": HTTP " + started.statusCode() + " " + started.body());
        }
        JsonNode status;
        do {
            TimeUnit.SECONDS.sleep(2);
            status =
                    JSON.readTree(
                            HTTP.send(
                                            HttpRequest.newBuilder(URI.create(url))
                                                    .header("Authorization", "Bearer " + token)
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body());
            say(
                    projection
                            + ": "
                            + status.path("state").asText()
                            + " "
                            + status.path("eventsDone").asText()
                            + "/"
                            + status.path("eventsTotal").asText()
                            + " at "
                            + Math.round(status.path("eventsPerSecond").asDouble())
                            + " events/s");
        } while ("RUNNING".equals(status.path("state").asText()));
        if (!"SWAPPED".equals(status.path("state").asText())) {
            throw new IllegalStateException(projection + " ended " + status);
        }
        double elapsed =
                Duration.between(
                                        Instant.parse(status.path("startedAt").asText()),
                                        Instant.parse(status.path("finishedAt").asText()))
                                .toMillis()
                        / 1000.0;
        results.put("rebuild." + projection + ".seconds", elapsed);
        results.put("rebuild." + projection + ".eventsPerSecond", events / elapsed);
        results.put("rebuild." + projection + ".ownEventsPerSecond", own / elapsed);
        say(
                String.format(
                        "rebuild %s: %,d stored events in %.1f s: %,.0f stored events/s, %,.0f of its own %,d"
                                + " events/s",
                        projection, events, elapsed, events / elapsed, own / elapsed, own));
        return elapsed;
    }

    private void summary() throws IOException {
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratio(ratios, USERS, "baseline.postgres.rowsPerSecond");
        ratio(ratios, DOCUMENTS, "baseline.pgvector.documentEventsPerSecond");
        for (String projection : ALIASES.keySet()) {
            // documents per second both, like for like
            Object rate = results.get("rebuild." + projection + ".documentsPerSecond");
            Object base = results.get("baseline.opensearch." + projection + ".documentsPerSecond");
            if (rate instanceof Double r && base instanceof Double b) {
                ratios.put(projection, r / b);
                say(
                        String.format(
                                "%s rebuild / raw _bulk of its documents: %.3f",
                                projection, r / b));
            }
        }
        results.put("ratios", ratios);
        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        Path file = out.resolve("rebuild-" + Instant.now().getEpochSecond() + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
        say("summary written to " + file);
    }

    private void ratio(Map<String, Object> ratios, String projection, String baseline) {
        // like for like: the events the projection handles, against the rows or documents they
        // become
        Object rate = results.get("rebuild." + projection + ".ownEventsPerSecond");
        Object base = results.get(baseline);
        if (rate instanceof Double r && base instanceof Double b) {
            ratios.put(projection, r / b);
            say(String.format("%s rebuild / baseline (%s): %.3f", projection, baseline, r / b));
        }
    }

    // --- the query-side of the run
    // ---------------------------------------------------------------------------

    private void startQuerySide() throws Exception {
        try (var probe = new java.net.ServerSocket(number("--port"))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "port " + options.get("--port") + " is taken; choose another with --port", e);
        }
        Path log = Path.of(options.get("--out")).resolve("rebuild-query-side.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(
                                "java",
                                "-Xmx768m",
                                "-jar",
                                options.get("--query-jar"),
                                "--server.port=" + options.get("--port"))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("AIC_JDBC_URL", benchUrl());
        env.put("AIC_OPENSEARCH_INDEX_PREFIX", PREFIX);
        env.put("AIC_OPENSEARCH_URL", options.get("--opensearch-url"));
        env.put("AIC_OPENSEARCH_USER", System.getenv("AIC_QUERY_SIDE_OPENSEARCH_USER"));
        env.put("AIC_OPENSEARCH_PASSWORD", System.getenv("AIC_QUERY_SIDE_OPENSEARCH_PASSWORD"));
        env.put("AIC_OIDC_ISSUER_URI", options.get("--issuer-url"));
        env.put("AIC_MANAGEMENT_PORT", "");
        env.put("AIC_LOG_FORMAT", "ecs");
        // the live processors' tokens were moved past the COPYed events on purpose: the
        // reconciliation would rewind them to take those events, and they would replay beside the
        // rebuilds (and a swap would wait for them)
        env.put("AIC_RECONCILIATION_ENABLED", "false");
        env.put("SPRING_PROFILES_ACTIVE", "development");
        querySide = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!querySide.isAlive()) {
                throw new IllegalStateException("the query-side stopped; see " + log);
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                querySideUrl()
                                                                        + "/actuator/health/readiness"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    say("query-side up on " + querySideUrl());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.SECONDS.sleep(1);
        }
        throw new IllegalStateException("the query-side did not become ready; see " + log);
    }

    private void stopQuerySide() throws InterruptedException {
        if (querySide != null && querySide.isAlive()) {
            querySide.destroy();
            if (!querySide.waitFor(60, TimeUnit.SECONDS)) {
                querySide.destroyForcibly().waitFor();
            }
        }
        querySide = null;
    }

    private String querySideUrl() {
        return "http://127.0.0.1:" + options.get("--port");
    }

    private String benchUrl() {
        return options.get("--jdbc-url").replaceFirst("/[^/?]+(\\?.*)?$", "/" + DATABASE);
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, options.get("--db-user"), password);
    }

    private static String send(String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header(
                    "Content-Type",
                    url.endsWith("_bulk") ? "application/x-ndjson" : "application/json");
        }
        // OpenSearch's administrator, as ./infra env names it
        String admin =
                System.getenv("AIC_OPENSEARCH_USER")
                        + ":"
                        + System.getenv("AIC_OPENSEARCH_PASSWORD");
        request.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(admin.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response =
                HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300
                && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new IllegalStateException(
                    method + " " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        if (url.endsWith("_bulk") && JSON.readTree(response.body()).path("errors").asBoolean()) {
            throw new IllegalStateException(
                    "bulk request had errors: " + response.body().substring(0, 500));
        }
        return response.body();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void say(String line) {
        System.out.println("bench: " + line);
    }

    private static Writer buffered(org.postgresql.copy.CopyIn in) {
        return new java.io.BufferedWriter(new CopyWriter(in), 1 << 16);
    }

    /** COPY FROM STDIN as a writer of text lines. */
    private static final class CopyWriter extends Writer {
        private final org.postgresql.copy.CopyIn in;

        CopyWriter(org.postgresql.copy.CopyIn in) {
            this.in = in;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            byte[] bytes = new String(chars, offset, length).getBytes(StandardCharsets.UTF_8);
            try {
                in.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() throws IOException {
            try {
                in.endCopy();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }
}
