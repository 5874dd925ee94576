package dev.aic.systemtests;

import static dev.aic.queryside.ProjectionNames.AGENDAS;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Query-side instances with read models of their own: a schema of their own in the platform's
 * database (their token store and tables, migrated by Flyway on start) and an OpenSearch index
 * prefix of their own, fed from the platform's one event store. They start from an empty token
 * table, i.e. from the first event, as a new deployment or a full rebuild does, while the
 * platform's own query-side keeps serving.
 *
 * <p>The platform's query-side is the reference: it processed the same events without faults, so
 * once both have processed every event, each table and each index must be identical, row for row
 * and version for version.
 */
final class QueryReplica implements AutoCloseable {

    static final List<String> PROCESSORS =
            List.of(
                    USERS,
                    USERS_SEARCH,
                    COMMUNITY_EVENTS,
                    COMMUNITY_EVENTS_SEARCH,
                    DOCUMENTS,
                    DOCUMENT_CHUNKS_SEARCH,
                    AGENDAS);

    /**
     * The analytics projections keep their one segment: a member's erasure must reach them after
     * their facts.
     */
    static final List<String> SINGLE_SEGMENT =
            List.of(
                    ANALYTICS_MEMBERS,
                    ANALYTICS_COMMUNITY_EVENTS,
                    ANALYTICS_RSVPS,
                    ANALYTICS_DOCUMENTS);

    static final List<String> ALL_PROCESSORS =
            java.util.stream.Stream.concat(PROCESSORS.stream(), SINGLE_SEGMENT.stream()).toList();
    static final List<String> TABLES =
            List.of(
                    "user_profile",
                    "community_event",
                    "community_event_rsvp",
                    "document",
                    "document_processing",
                    "document_chunk",
                    "agenda",
                    "agenda_room",
                    "agenda_slot",
                    "agenda_session",
                    "agenda_mark",
                    "agenda_solve");
    static final List<String> INDICES = List.of("users", "community-events", "document-chunks");
    private static final String REFERENCE_SCHEMA = "query";

    private final Platform platform;
    private final String schema;
    private final String indexPrefix;
    private final Map<String, String> environment;
    private final List<ServiceProcess> instances = new CopyOnWriteArrayList<>();

    private QueryReplica(
            Platform platform, String schema, String indexPrefix, Map<String, String> environment) {
        this.platform = platform;
        this.schema = schema;
        this.indexPrefix = indexPrefix;
        this.environment = environment;
    }

    /**
     * Drops what an earlier run left in {@code schema} and its indices; every instance started
     * later runs each processor with {@code segments} segments and up to {@code threads} of them
     * per instance.
     */
    static QueryReplica fresh(Platform platform, String schema, int segments, int threads) {
        return fresh(platform, schema, segments, threads, null);
    }

    /**
     * As {@link #fresh(Platform, String, int, int)}, with the processors polling the event store
     * every {@code fetchDelay} once caught up (the platform's 25 ms, times dozens of segment
     * threads in several JVMs, would keep a small test machine's cores busy with polling alone).
     */
    static QueryReplica fresh(
            Platform platform, String schema, int segments, int threads, String fetchDelay) {
        String indexPrefix =
                platform.setting("AIC_OPENSEARCH_INDEX_PREFIX") + schema.replace('_', '-') + "-";
        try (var connection = platform.database();
                var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop schema " + schema, e);
        }
        for (String index : INDICES) {
            Http.Reply deleted =
                    Platform.openSearch(indexPrefix + index + "*").sendJson("DELETE", null);
            assertThat(deleted.status()).as(deleted.toString()).isIn(200, 404);
        }
        Map<String, String> environment = new HashMap<>(platform.querySideEnvironment());
        ObjectNode settings = (ObjectNode) json(environment.get("SPRING_APPLICATION_JSON"));
        settings.withObject("/spring/datasource/hikari/data-source-properties")
                .put("currentSchema", schema + ",event_store,public");
        settings.withObject("/spring/flyway").put("schemas", schema);
        for (String processor : PROCESSORS) {
            settings.withObject("/axon/eventhandling/processors/" + processor)
                    .put("initial-segment-count", segments)
                    .put("thread-count", threads);
        }
        if (fetchDelay != null) {
            settings.withObject("/aic/event-store").put("fetch-delay", fetchDelay);
        }
        environment.put("SPRING_APPLICATION_JSON", settings.toString());
        environment.put("AIC_OPENSEARCH_INDEX_PREFIX", indexPrefix);
        return new QueryReplica(platform, schema, indexPrefix, Map.copyOf(environment));
    }

    /** Starts one more instance on {@code port}, without waiting for it. */
    ServiceProcess start(int port) {
        var instance =
                ServiceProcess.start(
                        "query-side", "query-side-" + schema + "-" + port, port, environment);
        instances.add(instance);
        return instance;
    }

    /** {@code kill -9} of one instance; it stays dead. */
    void kill(ServiceProcess instance) {
        instance.kill();
        instances.remove(instance);
    }

    List<ServiceProcess> instances() {
        return List.copyOf(instances);
    }

    String schema() {
        return schema;
    }

    /** The position of the slowest segment of the slowest processor (-1 before the first batch). */
    long slowestPosition() {
        return tokens(schema).values().stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    /** The position of the fastest segment (-1 before the first batch). */
    long fastestPosition() {
        return tokens(schema).values().stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /**
     * Each segment of each processor ({@code processor/segment}) with the owner that claims it, or
     * null.
     */
    Map<String, String> claims() {
        Map<String, String> claims = new TreeMap<>();
        try (var connection = platform.database();
                var statement =
                        connection.prepareStatement(
                                "SELECT processorname, segment, owner FROM "
                                        + schema
                                        + ".tokenentry");
                var rows = statement.executeQuery()) {
            while (rows.next()) {
                claims.put(rows.getString(1) + "/" + rows.getInt(2), rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the claims in " + schema, e);
        }
        return claims;
    }

    /**
     * Waits until this replica and the platform's query-side both processed every stored event and
     * their read models are identical; returns the figures compared, for the report.
     */
    String awaitSameAsReference(Duration atMost) {
        var last = new Snapshot[2];
        await("read models in " + schema + " identical to the platform's query-side")
                .atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            long head = head();
                            assertThat(tokens(REFERENCE_SCHEMA).values())
                                    .as("the platform's query-side processed up to %d", head)
                                    .hasSize(ALL_PROCESSORS.size())
                                    .allSatisfy(
                                            position ->
                                                    assertThat(position)
                                                            .isGreaterThanOrEqualTo(head));
                            assertThat(tokens(schema))
                                    .as("%s processed up to %d", schema, head)
                                    .allSatisfy(
                                            (segment, position) ->
                                                    assertThat(position)
                                                            .isGreaterThanOrEqualTo(head));
                            assertThat(
                                            tokens(schema).keySet().stream()
                                                    .map(segment -> segment.split("/")[0])
                                                    .distinct())
                                    .containsExactlyInAnyOrderElementsOf(ALL_PROCESSORS);
                            Set<String> aggregates = aggregates();
                            last[0] =
                                    snapshot(
                                            REFERENCE_SCHEMA,
                                            platform.setting("AIC_OPENSEARCH_INDEX_PREFIX"),
                                            aggregates);
                            last[1] = snapshot(schema, indexPrefix, aggregates);
                            assertThat(head())
                                    .as("no event stored while comparing")
                                    .isEqualTo(head);
                            assertThat(last[1].tables())
                                    .as("tables of %s vs the platform's query-side", schema)
                                    .isEqualTo(last[0].tables());
                            assertThat(last[1].indices())
                                    .as(
                                            "OpenSearch indices %s* vs the platform's query-side",
                                            indexPrefix)
                                    .isEqualTo(last[0].indices());
                        });
        return "read models identical to the platform's query-side: tables "
                + last[1].tables()
                + "; indices "
                + last[1].indices();
    }

    @Override
    public void close() {
        instances.forEach(ServiceProcess::close);
        instances.clear();
    }

    // ---------------------------------------------------------------- figures

    /**
     * Per table: rows and a digest of their content; per index: documents and a digest of ids and
     * versions.
     */
    private record Snapshot(Map<String, String> tables, Map<String, String> indices) {}

    private Snapshot snapshot(String tableSchema, String prefix, Set<String> aggregates)
            throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        try (var connection = platform.database();
                var statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (var rows =
                        statement.executeQuery(
                                "SELECT count(*), coalesce(left(md5(string_agg(t::text, E'\\n'"
                                        + " ORDER BY t::text)), 12), '-') FROM "
                                        + tableSchema
                                        + "."
                                        + table
                                        + " t")) {
                    rows.next();
                    tables.put(table, "rows=" + rows.getLong(1) + " md5=" + rows.getString(2));
                }
            }
        }
        Map<String, String> indices = new LinkedHashMap<>();
        for (String index : INDICES) {
            indices.put(index, documents(prefix + index, aggregates));
        }
        return new Snapshot(tables, indices);
    }

    /**
     * The documents of one index whose id starts with an aggregate of this run's store (the
     * platform's indices outlive its database, so they may hold an earlier run's documents), as
     * "docs=N md5=…" over id:version.
     */
    private String documents(String index, Set<String> aggregates) {
        Http.Reply refreshed = Platform.openSearch(index + "/_refresh").post("{}");
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        Http.Reply found =
                Platform.openSearch(index + "/_search")
                        .post(
                                """
                {"size": 10000, "version": true, "_source": false, "track_total_hits": true,
                 "query": {"match_all": {}}}""");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        JsonNode hits = found.json().get("hits");
        assertThat(hits.get("total").get("value").asLong())
                .as("documents in %s (one page of 10000)", index)
                .isLessThanOrEqualTo(10_000);
        List<String> versions = new ArrayList<>();
        for (JsonNode hit : hits.get("hits")) {
            String id = hit.get("_id").asText();
            if (id.length() >= 36 && aggregates.contains(id.substring(0, 36))) {
                versions.add(id + ":" + hit.get("_version").asLong());
            }
        }
        versions.sort(null);
        return "docs="
                + versions.size()
                + " md5="
                + md5(String.join("\n", versions)).substring(0, 12);
    }

    private Map<String, Long> tokens(String tokenSchema) {
        Map<String, Long> positions = new HashMap<>();
        try (var connection = platform.database();
                var statement =
                        connection.prepareStatement(
                                // a GapAwareTrackingToken {"index":…}, or while replaying a
                                // ReplayToken {"currentToken":{"index":…},…}
                                "SELECT processorname, segment, coalesce((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint,"
                                        + " (convert_from(token, 'UTF8')::jsonb -> 'currentToken' ->> 'index')::bigint, -1)"
                                        + " FROM "
                                        + tokenSchema
                                        + ".tokenentry");
                var rows = statement.executeQuery()) {
            while (rows.next()) {
                positions.put(rows.getString(1) + "/" + rows.getInt(2), rows.getLong(3));
            }
        } catch (SQLException e) {
            // the instances have not migrated the schema yet
            return Map.of();
        }
        return positions;
    }

    long head() {
        try (var connection = platform.database();
                var statement =
                        connection.prepareStatement(
                                "SELECT coalesce(max(globalindex), -1) FROM event_store.domainevententry");
                var rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the head of the event store", e);
        }
    }

    private Set<String> aggregates() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (var connection = platform.database();
                var statement =
                        connection.prepareStatement(
                                "SELECT DISTINCT aggregateidentifier FROM event_store.domainevententry");
                var rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? Http.JSON.createObjectNode() : Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("MD5")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
