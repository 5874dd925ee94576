package dev.aic.bench;

import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS;
import static dev.aic.queryside.ProjectionNames.COMMUNITY_EVENTS_SEARCH;
import static dev.aic.queryside.ProjectionNames.DOCUMENTS;
import static dev.aic.queryside.ProjectionNames.DOCUMENT_CHUNKS_SEARCH;
import static dev.aic.queryside.ProjectionNames.USERS;
import static dev.aic.queryside.ProjectionNames.USERS_SEARCH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * exist), stops it, COPYs users' and documents' events into the event store, moves the live
 * processors' tokens to the newest event (so only the rebuilds read the store), starts the
 * query-side again and rebuilds each projection through {@code POST
 * /api/admin/projections/{name}/rebuild?force=true} (forced: the live models are empty by
 * construction, so the comparison differs). The rate is stored events read per second of rebuild,
 * from start to swap (comparison and index builds included). The baselines: COPY of the same number
 * of rows into a copy of the projection's table (with the HNSW index built afterwards for the
 * chunks), and bulk indexing of the same user documents into a copy of the users index.
 */
public final class RebuildBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
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
                    DOCUMENT_CHUNKS_SEARCH);

    private final Map<String, String> options;
    private final String password = System.getenv("AIC_PG_PASSWORD");
    private final Map<String, Object> results = new LinkedHashMap<>();
    private Process querySide;

    private RebuildBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options =
                new LinkedHashMap<>(
                        Map.of(
                                "--users",
                                "460000",
                                "--documents",
                                "20000",
                                "--chunks",
                                "2",
                                "--port",
                                "28592",
                                "--projections",
                                "users,documents,users-search",
                                "--jdbc-url",
                                "jdbc:postgresql://127.0.0.1:55432/aic",
                                "--db-user",
                                "aic",
                                "--opensearch-url",
                                "http://127.0.0.1:59200",
                                "--issuer-url",
                                "http://127.0.0.1:9000",
                                "--out",
                                "bench/target"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                System.err.println(
                        "usage: RebuildBenchmark [--users N] [--documents N] [--chunks N] [--projections a,b]"
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
        long events = 2L * users + 4L * documents;
        say(
                "fresh database "
                        + DATABASE
                        + ": "
                        + users
                        + " users (2 events each), "
                        + documents
                        + " documents (4 events, "
                        + chunks
                        + " chunks each): "
                        + events
                        + " events");
        freshDatabase();
        try {
            startQuerySide();
            stopQuerySide();
            long copyStarted = System.nanoTime();
            copyEvents(users, documents, chunks);
            say(String.format("events COPYed in %.1f s", seconds(copyStarted)));
            moveLiveTokensToHead();
            baselines(users, documents, chunks);
            startQuerySide();
            for (String projection : options.get("--projections").split(",")) {
                String name = projection.trim();
                // the events the projection handles; it reads (and skips) the others too
                long own =
                        name.startsWith("document")
                                ? 4L * documents
                                : name.startsWith(USERS) ? 2L * users : events;
                rebuild(name, events, own);
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
        String ddl =
                Files.readString(
                        Path.of(
                                options.getOrDefault(
                                        "--event-store-ddl",
                                        "command-side/src/main/resources/db/migration/V1__event_store.sql")));
        try (Connection connection = connect(benchUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA event_store");
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            statement.execute("SET search_path TO event_store");
            statement.execute(ddl);
        }
    }

    private void copyEvents(int users, int documents, int chunks) throws Exception {
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
        openSearchBaseline(users);
    }

    /**
     * Bulk indexing of the users' documents into a copy of the live users index, 1,000 per request.
     */
    private void openSearchBaseline(int users) throws Exception {
        String base = options.get("--opensearch-url");
        String index = PREFIX + "baseline-users";
        send("DELETE", base + "/" + index, null);
        // the live index's definition, as the query-side created it at its first start
        JsonNode live = JSON.readTree(send("GET", base + "/" + PREFIX + "users", null));
        JsonNode definition = live.elements().next();
        ObjectNode settings = ((ObjectNode) definition.path("settings").path("index")).deepCopy();
        List.of("uuid", "creation_date", "provided_name", "version").forEach(settings::remove);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").set("index", settings);
        body.set("mappings", definition.get("mappings"));
        send("PUT", base + "/" + index, JSON.writeValueAsString(body));
        long started = System.nanoTime();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < users; i++) {
            bulk.append("{\"index\":{\"_index\":\"")
                    .append(index)
                    .append("\",\"_id\":\"")
                    .append(new UUID(0, i + 1))
                    .append("\",\"version_type\":\"external\",\"version\":2}}\n")
                    .append("{\"id\":\"")
                    .append(new UUID(0, i + 1))
                    .append("\",\"email\":\"member-")
                    .append(i)
                    .append("@example.org\",\"displayName\":\"Renamed member ")
                    .append(i)
                    .append(
                            "\",\"bio\":\"Reads about distributed systems\",\"interests\":[\"ml\",\"databases\"],")
                    .append(
                            "\"roles\":[\"MEMBER\"],\"active\":true,\"registeredAt\":\"2026-01-01T00:00:00Z\"}\n");
            if ((i + 1) % 1000 == 0 || i == users - 1) {
                send("POST", base + "/_bulk", bulk.toString());
                bulk.setLength(0);
            }
        }
        send("POST", base + "/" + index + "/_refresh", null);
        double elapsed = seconds(started);
        results.put("baseline.opensearch.documentsPerSecond", users / elapsed);
        // two user events per document: the rate of events a rebuild would have to reach to match
        // it
        results.put("baseline.opensearch.userEventsPerSecond", 2.0 * users / elapsed);
        say(
                String.format(
                        "baseline OpenSearch: bulk indexing of %,d user documents: %,.0f documents/s (%,.0f user"
                                + " events/s)",
                        users, users / elapsed, 2.0 * users / elapsed));
        send("DELETE", base + "/" + index, null);
    }

    // --- the rebuilds
    // ----------------------------------------------------------------------------------------

    private void rebuild(String projection, long events, long own) throws Exception {
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
    }

    private void summary() throws IOException {
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratio(ratios, USERS, "baseline.postgres.rowsPerSecond");
        ratio(ratios, DOCUMENTS, "baseline.pgvector.documentEventsPerSecond");
        ratio(ratios, USERS_SEARCH, "baseline.opensearch.userEventsPerSecond");
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
