package dev.aic.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The semantic-search part of the embeddings benchmark: pgvector's HNSW index against exact search,
 * at {@code --vectors} chunks, in a PostgreSQL database of the benchmark's own (created at the
 * start, dropped at the end; the platform's schemas are never touched).
 *
 * <p>The table has the essentials of {@code query.document_chunk}: an id and a {@code vector(384)},
 * indexed as the query-side indexes it ({@code hnsw (embedding vector_cosine_ops) WITH (m = 16,
 * ef_construction = 64)}). The vectors are synthetic but not uniform: unit vectors drawn around
 * {@code --clusters} random centres with Gaussian noise (cosine ≈ 0.8 to their centre), as real
 * chunk embeddings gather by topic. Uniform random vectors in 384 dimensions are all nearly
 * orthogonal to each other, so their "nearest" neighbours mean nothing and recall on them says
 * nothing about real data. The queries are drawn the same way, from another seed.
 *
 * <p>Each search is {@code SELECT id ... ORDER BY embedding <=> ? LIMIT 10} over JDBC, one at a
 * time, timed at the client. Exact search ({@code SET enable_indexscan = off}: a sequential scan
 * and a top-10 sort) is the baseline and the truth for recall@10; HNSW is measured at {@code
 * hnsw.ef_search} 40 (pgvector's default) and 100. Then "query embedding + search": a real query
 * text embedded by the ai-worker ({@code POST /internal/embeddings}), or in process by ONNX Runtime
 * when the ai-worker does not offer that endpoint, then searched with HNSW.
 */
final class VectorIndex {

    /** Embeds one query text; {@link #source()} says how, for the report. */
    interface QueryEmbedder {

        float[] embed(String text) throws Exception;

        String source();
    }

    /** p50, p95 and max of one measurement, in milliseconds. */
    record Percentiles(int count, double p50Ms, double p95Ms, double maxMs) {

        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(
                    sorted.length,
                    rank(sorted, 0.50) / 1e6,
                    rank(sorted, 0.95) / 1e6,
                    sorted[sorted.length - 1] / 1e6);
        }

        /**
         * Nearest rank: the smallest value with at least {@code fraction} of the values at or below
         * it.
         */
        private static long rank(long[] sorted, double fraction) {
            return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
        }
    }

    /**
     * One way of searching: {@code efSearch} 0 for exact search; recall@10 against exact search.
     */
    record Search(
            String name, int efSearch, Percentiles latency, double recall, boolean usedIndex) {}

    record Result(
            String pgvectorVersion,
            int vectors,
            int clusters,
            double copySeconds,
            double buildSeconds,
            long tableBytes,
            long indexBytes,
            Search exact,
            List<Search> hnsw,
            int endToEndEfSearch,
            String embeddingSource,
            Percentiles embedding,
            Percentiles endToEnd) {}

    static final int K = 10;
    static final int[] EF_SEARCH = {40, 100};
    static final double TARGET_RECALL = 0.95;
    private static final int DIMENSION = EmbeddingOrtEngine.DIMENSION;

    /**
     * Noise per dimension: |noise| ≈ 0.75 against a unit centre, so a vector has cosine ≈ 0.8 to
     * its centre.
     */
    private static final double NOISE = 0.75 / Math.sqrt(DIMENSION);

    private static final int WARMUP_QUERIES = 10;
    private static final String SEARCH =
            "SELECT id FROM chunk ORDER BY embedding <=> ?::vector LIMIT " + K;
    private static final Pattern DATABASE =
            Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$");

    private final EmbeddingOptions options;
    private final Consumer<String> say;

    VectorIndex(EmbeddingOptions options, Consumer<String> say) {
        this.options = options;
        this.say = say;
    }

    Result run(QueryEmbedder embedder) throws Exception {
        try (Connection admin = connect(options.jdbcUrl())) {
            admin.setAutoCommit(true);
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + options.vectorDatabase());
                statement.execute("CREATE DATABASE " + options.vectorDatabase());
            }
        }
        try {
            try (Connection connection = connect(benchUrl())) {
                return measure(connection, embedder);
            }
        } finally {
            try (Connection admin = connect(options.jdbcUrl());
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + options.vectorDatabase());
            }
        }
    }

    private Result measure(Connection connection, QueryEmbedder embedder) throws Exception {
        String version;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            statement.execute(
                    "CREATE TABLE chunk (id BIGINT PRIMARY KEY, embedding vector("
                            + DIMENSION
                            + ") NOT NULL)");
            version =
                    single(
                            statement,
                            "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
        }
        Random random = new Random(options.seed());
        float[][] centres = new float[options.clusters()][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussianUnit(random);
        }

        say.accept(
                String.format(
                        Locale.ROOT,
                        "    COPY %,d vectors around %,d clusters (binary)",
                        options.vectors(),
                        options.clusters()));
        long started = System.nanoTime();
        copy(connection, centres, random);
        double copySeconds = (System.nanoTime() - started) / 1e9;
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE chunk");
            statement.execute("SET maintenance_work_mem = '1GB'");
            say.accept(
                    String.format(
                            Locale.ROOT,
                            "    %.1f s; building the HNSW index (m = 16, ef_construction = 64,"
                                    + " max_parallel_maintenance_workers %s)",
                            copySeconds,
                            single(statement, "SHOW max_parallel_maintenance_workers")));
            started = System.nanoTime();
            statement.execute(
                    "CREATE INDEX chunk_embedding ON chunk USING hnsw (embedding vector_cosine_ops)"
                            + " WITH (m = 16, ef_construction = 64)");
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        long tableBytes;
        long indexBytes;
        try (Statement statement = connection.createStatement()) {
            tableBytes = Long.parseLong(single(statement, "SELECT pg_table_size('chunk')"));
            indexBytes =
                    Long.parseLong(single(statement, "SELECT pg_relation_size('chunk_embedding')"));
        }
        say.accept(
                String.format(
                        Locale.ROOT,
                        "    built in %.1f s (index %d MB, table %d MB)",
                        buildSeconds,
                        indexBytes >> 20,
                        tableBytes >> 20));

        Random queryRandom = new Random(options.seed() + 1);
        List<String> queries = new ArrayList<>();
        for (int q = 0; q < options.queries() + WARMUP_QUERIES; q++) {
            float[] centre = centres[queryRandom.nextInt(centres.length)];
            queries.add(literal(around(centre, queryRandom)));
        }

        set(connection, "enable_indexscan", "off");
        List<Set<Long>> truth = new ArrayList<>();
        Search exact = search(connection, "exact (sequential scan)", 0, queries, null, truth);
        set(connection, "enable_indexscan", "on");
        List<Search> hnsw = new ArrayList<>();
        for (int ef : EF_SEARCH) {
            set(connection, "hnsw.ef_search", Integer.toString(ef));
            hnsw.add(search(connection, "hnsw ef_search=" + ef, ef, queries, truth, null));
        }

        int ef =
                hnsw.stream()
                        .filter(search -> search.recall() >= TARGET_RECALL)
                        .mapToInt(Search::efSearch)
                        .min()
                        .orElse(EF_SEARCH[EF_SEARCH.length - 1]);
        set(connection, "hnsw.ef_search", Integer.toString(ef));
        say.accept(
                String.format(
                        Locale.ROOT,
                        "    query embedding (%s) + HNSW search at ef_search=%d, %d queries",
                        embedder.source(),
                        ef,
                        options.queries()));
        Random textRandom = new Random(options.seed() + 2);
        long[] embedNanos = new long[options.queries()];
        long[] totalNanos = new long[options.queries()];
        try (PreparedStatement statement = connection.prepareStatement(SEARCH)) {
            for (int q = -WARMUP_QUERIES; q < options.queries(); q++) {
                String text = EmbeddingCorpus.query(textRandom);
                long start = System.nanoTime();
                float[] vector = embedder.embed(text);
                long embedded = System.nanoTime();
                ids(statement, literal(vector));
                long end = System.nanoTime();
                if (q >= 0) {
                    embedNanos[q] = embedded - start;
                    totalNanos[q] = end - start;
                }
            }
        }
        return new Result(
                version,
                options.vectors(),
                options.clusters(),
                copySeconds,
                buildSeconds,
                tableBytes,
                indexBytes,
                exact,
                hnsw,
                ef,
                embedder.source(),
                Percentiles.of(embedNanos),
                Percentiles.of(totalNanos));
    }

    /**
     * Runs the queries (the first {@link #WARMUP_QUERIES} unmeasured); fills {@code found} with
     * each measured query's ids when given, or measures recall against {@code truth}.
     */
    private Search search(
            Connection connection,
            String name,
            int efSearch,
            List<String> queries,
            List<Set<Long>> truth,
            List<Set<Long>> found)
            throws SQLException {
        boolean usedIndex = plan(connection, queries.get(0)).contains("chunk_embedding");
        long[] nanos = new long[queries.size() - WARMUP_QUERIES];
        double recalled = 0;
        try (PreparedStatement statement = connection.prepareStatement(SEARCH)) {
            for (int q = 0; q < queries.size(); q++) {
                long start = System.nanoTime();
                Set<Long> ids = ids(statement, queries.get(q));
                long took = System.nanoTime() - start;
                int measured = q - WARMUP_QUERIES;
                if (measured < 0) {
                    continue;
                }
                nanos[measured] = took;
                if (found != null) {
                    found.add(ids);
                } else {
                    Set<Long> hits = new HashSet<>(ids);
                    hits.retainAll(truth.get(measured));
                    recalled += (double) hits.size() / truth.get(measured).size();
                }
            }
        }
        Search result =
                new Search(
                        name,
                        efSearch,
                        Percentiles.of(nanos),
                        found != null ? 1.0 : recalled / nanos.length,
                        usedIndex);
        say.accept(
                String.format(
                        Locale.ROOT,
                        "    %-24s p50=%.2fms p95=%.2fms recall@%d=%.3f%s",
                        name,
                        result.latency().p50Ms(),
                        result.latency().p95Ms(),
                        K,
                        result.recall(),
                        usedIndex ? "  (index scan)" : ""));
        return result;
    }

    private static Set<Long> ids(PreparedStatement statement, String vector) throws SQLException {
        statement.setString(1, vector);
        Set<Long> ids = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static String plan(Connection connection, String vector) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "EXPLAIN " + SEARCH.replace("?::vector", "'" + vector + "'::vector"))) {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    /**
     * Streams the vectors into the table with binary COPY: pgvector's wire format is dim, unused,
     * floats.
     */
    private void copy(Connection connection, float[][] centres, Random random) throws SQLException {
        CopyIn copy =
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY chunk (id, embedding) FROM STDIN (FORMAT binary)");
        int rowBytes = 2 + 4 + 8 + 4 + 4 + 4 * DIMENSION;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        try {
            buffer.put("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
            buffer.putInt(0).putInt(0);
            for (long id = 1; id <= options.vectors(); id++) {
                if (buffer.remaining() < rowBytes + 2) {
                    flush(copy, buffer);
                }
                float[] vector = around(centres[random.nextInt(centres.length)], random);
                buffer.putShort((short) 2);
                buffer.putInt(8).putLong(id);
                buffer.putInt(4 + 4 * DIMENSION).putShort((short) DIMENSION).putShort((short) 0);
                for (float value : vector) {
                    buffer.putFloat(value);
                }
            }
            buffer.putShort((short) -1);
            flush(copy, buffer);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, ByteBuffer buffer) throws SQLException {
        copy.writeToCopy(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    private static float[] gaussianUnit(Random random) {
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return normalize(vector);
    }

    private static float[] around(float[] centre, Random random) {
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = (float) (centre[d] + NOISE * random.nextGaussian());
        }
        return normalize(vector);
    }

    private static float[] normalize(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < vector.length; d++) {
            vector[d] *= scale;
        }
        return vector;
    }

    /** pgvector's text form, {@code [0.1,0.2,...]}. */
    static String literal(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int d = 0; d < vector.length; d++) {
            if (d > 0) {
                text.append(',');
            }
            text.append(vector[d]);
        }
        return text.append(']').toString();
    }

    private static void set(Connection connection, String name, String value) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET " + name + " = " + value);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, options.dbUser(), options.dbPassword());
    }

    private String benchUrl() {
        Matcher url = DATABASE.matcher(options.jdbcUrl());
        if (!url.matches()) {
            throw new IllegalArgumentException("cannot tell the database in " + options.jdbcUrl());
        }
        return url.group(1) + options.vectorDatabase() + url.group(3);
    }
}
