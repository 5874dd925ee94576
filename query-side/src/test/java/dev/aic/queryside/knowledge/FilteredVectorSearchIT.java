package dev.aic.queryside.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aic.contracts.user.Role;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.web.security.Caller;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The acceptance test of filtered vector search: 20,000 chunks of random 384-dimension unit
 * vectors, of which the caller may read about 5% (the EVENT_ATTENDEES documents of the one event
 * they attend). A plain HNSW walk would find its ef_search nearest candidates and filter most of
 * them away; with iterative scans every query must still return k rows, nearly the same ones an
 * exact (sequential) search returns.
 */
@QuerySideIntegrationTest
class FilteredVectorSearchIT {

    static final int CHUNKS = 20_000;
    static final int CHUNKS_PER_DOCUMENT = 100;

    /** one document in twenty belongs to the caller's event: 5% of the chunks */
    static final int VISIBLE_EVERY = 20;

    static final int QUERIES = 200;
    static final int K = 10;
    static final String FINGERPRINT = "f1".repeat(32);

    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired VectorChunkSearch search;
    @Autowired Audience audience;

    final List<UUID> documents = new ArrayList<>();
    final UUID attended = UUID.randomUUID();
    final UUID other = UUID.randomUUID();
    final UUID member = UUID.randomUUID();

    @AfterEach
    void removeTheLibrary() {
        jdbc.update(
                "DELETE FROM document WHERE id = ANY (?)", (Object) documents.toArray(UUID[]::new));
        jdbc.update("DELETE FROM community_event WHERE id IN (?, ?)", attended, other);
    }

    @Test
    void aSelectiveAudienceStillGetsKNearestChunksWithHighRecall() {
        givenAMemberAttendingOneOfTwoEvents();
        givenALibraryWhereTheMemberReadsOneChunkInTwenty();
        Audience.Reader reader =
                audience.of(
                        new Caller(
                                "https://issuer.example",
                                "bench",
                                null,
                                "Bench",
                                Optional.of(member),
                                Set.of(Role.MEMBER),
                                false));
        assertThat(readable(reader)).isBetween((long) (CHUNKS * 0.04), (long) (CHUNKS * 0.06));
        assertThat(plan(reader)).contains("document_chunk_embedding");

        Random random = new Random(20_000);
        int complete = 0;
        double recallSum = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = unitVector(random);
            List<String> approximate =
                    search.nearest(query, FINGERPRINT, SearchFilter.none(), reader, K).stream()
                            .map(ChunkHit::key)
                            .toList();
            List<String> exact = exact(query, reader);
            if (approximate.size() == K) {
                complete++;
            }
            Set<String> found = new HashSet<>(approximate);
            recallSum += exact.stream().filter(found::contains).count() / (double) exact.size();
        }
        double completePercent = 100.0 * complete / QUERIES;
        double recall = recallSum / QUERIES;
        System.out.printf(
                "FilteredVectorSearchIT: %d chunks, %d readable, %d queries, k=%d: %.1f%% complete,"
                        + " mean recall@%d %.3f%n",
                CHUNKS, readable(reader), QUERIES, K, completePercent, K, recall);

        assertThat(completePercent).isGreaterThanOrEqualTo(99.0);
        assertThat(recall).isGreaterThanOrEqualTo(0.9);
    }

    private void givenAMemberAttendingOneOfTwoEvents() {
        for (UUID event : List.of(attended, other)) {
            jdbc.update(
                    """
                    INSERT INTO community_event (id, title, visibility, starts_at, ends_at, capacity, status,
                        published, organizers, version)
                    VALUES (?, 'Benchmark', 'MEMBERS', now(), now() + interval '1 hour', 100, 'PUBLISHED', TRUE,
                        ?, 1)""",
                    event,
                    new UUID[] {UUID.randomUUID()});
        }
        jdbc.update(
                """
                INSERT INTO community_event_rsvp (event_id, user_id, state, updated_version)
                VALUES (?, ?, 'CONFIRMED', 2)""",
                attended,
                member);
    }

    /**
     * Documents with their searchable chunks; searchable_version stays unset, so these documents
     * take no part in choosing the serving model of the searches other suites run at the same time.
     * The vectors are drawn by PostgreSQL itself: uniform in a cube, normalised to unit length. As
     * for any bulk load, the HNSW index is built once after the rows are in, with V5's definition:
     * inserting 20,000 rows into the index one by one takes about ten times as long.
     */
    private void givenALibraryWhereTheMemberReadsOneChunkInTwenty() {
        Timestamp now = Timestamp.from(Instant.now());
        for (int d = 0; d < CHUNKS / CHUNKS_PER_DOCUMENT; d++) {
            UUID id = UUID.randomUUID();
            documents.add(id);
            UUID event = d % VISIBLE_EVERY == 0 ? attended : other;
            jdbc.update(
                    """
                    INSERT INTO document (id, owner_id, title, visibility, community_event_id, current_version,
                        content_type, size_bytes, sha256, created_at, updated_at, version)
                    VALUES (?, ?, ?, 'EVENT_ATTENDEES', ?, 1, 'text/plain', 1, ?, ?, ?, 0)""",
                    id,
                    UUID.randomUUID(),
                    "Benchmark " + d,
                    event,
                    "0".repeat(64),
                    now,
                    now);
        }
        jdbc.execute("DROP INDEX document_chunk_embedding");
        try {
            insertChunks();
        } finally {
            transactions.executeWithoutResult(
                    status -> {
                        jdbc.execute("SET LOCAL maintenance_work_mem = '256MB'");
                        jdbc.execute(
                                """
                        CREATE INDEX document_chunk_embedding ON document_chunk
                            USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)""");
                    });
        }
        jdbc.execute("ANALYZE document_chunk");
    }

    private void insertChunks() {
        jdbc.execute("SELECT setseed(0.42)");
        jdbc.update(
                """
                INSERT INTO document_chunk (document_id, document_version, model_fingerprint, chunk_index, model_name,
                    text, section_index, start_offset, end_offset, token_count, embedding, owner_id, visibility,
                    community_event_id, tags, created_at, searchable)
                SELECT d.id, 1, ?, c.i, 'bench', 'chunk ' || c.i, 0, 0, 10, 3,
                       l2_normalize(ARRAY(SELECT random() - 0.5 FROM generate_series(1, 384) WHERE c.i >= 0)::vector),
                       d.owner_id, d.visibility, d.community_event_id, d.tags, d.created_at, TRUE
                FROM document d CROSS JOIN generate_series(0, ? - 1) AS c(i)
                WHERE d.id = ANY (?)""",
                FINGERPRINT,
                CHUNKS_PER_DOCUMENT,
                documents.toArray(UUID[]::new));
    }

    private long readable(Audience.Reader reader) {
        List<Object> args = new ArrayList<>(List.of(FINGERPRINT));
        String visible = reader.sql("c", args);
        return jdbc.queryForObject(
                "SELECT count(*) FROM document_chunk c WHERE c.model_fingerprint = ? AND "
                        + visible,
                Long.class,
                args.toArray());
    }

    private String plan(Audience.Reader reader) {
        List<Object> args = new ArrayList<>(List.of(FINGERPRINT));
        String visible = reader.sql("c", args);
        args.add(VectorChunkSearch.literal(unitVector(new Random(1))));
        List<String> lines =
                transactions.execute(
                        status -> {
                            jdbc.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                            return jdbc.queryForList(
                                    "EXPLAIN SELECT c.document_id FROM document_chunk c WHERE c.searchable AND"
                                            + " c.model_fingerprint = ? AND "
                                            + visible
                                            + " ORDER BY c.embedding <=> ?::vector LIMIT 10",
                                    String.class,
                                    args.toArray());
                        });
        return String.join("\n", lines);
    }

    /**
     * The true k nearest readable chunks: the same filter, by a sequential scan that computes every
     * distance.
     */
    private List<String> exact(float[] query, Audience.Reader reader) {
        List<Object> args = new ArrayList<>(List.of(FINGERPRINT));
        String visible = reader.sql("c", args);
        args.add(VectorChunkSearch.literal(query));
        args.add(K);
        return transactions.execute(
                status -> {
                    jdbc.execute("SET LOCAL enable_indexscan = off");
                    return jdbc.query(
                            "SELECT c.document_id, c.document_version, c.chunk_index FROM document_chunk c"
                                    + " WHERE c.searchable AND c.model_fingerprint = ? AND "
                                    + visible
                                    + " ORDER BY c.embedding <=> ?::vector LIMIT ?",
                            (row, n) ->
                                    ChunkDocument.chunkId(
                                            row.getString("document_id"),
                                            row.getInt("document_version"),
                                            row.getInt("chunk_index")),
                            args.toArray());
                });
    }

    private static float[] unitVector(Random random) {
        float[] vector = new float[FakeAiWorker.DIMENSION];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / Math.sqrt(norm));
        }
        return vector;
    }
}
