package dev.aic.queryside.knowledge;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Nearest chunks by cosine distance in pgvector, with the caller's audience and the filters in the
 * same scan. An HNSW index walk finds its ef_search nearest candidates first and filters after; a
 * selective filter (one event's attendees) would leave few or none of them. pgvector 0.8's
 * iterative scan keeps walking until enough rows pass the filter, in relaxed order: the first rows
 * to pass are near, not the nearest. So the walk collects {@code overfetch} times k of them and the
 * k nearest of those are kept (with random 384-dimension vectors and a 5% filter, recall@10 goes
 * from about 0.6 with k rows to above 0.9 with 4k; FilteredVectorSearchIT measures it).
 */
@Component
class VectorChunkSearch {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final SearchProperties properties;

    VectorChunkSearch(
            JdbcTemplate jdbc, TransactionTemplate transactions, SearchProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    /**
     * The {@code k} searchable chunks of the model nearest to {@code vector} that the reader may
     * see.
     */
    List<ChunkHit> nearest(
            float[] vector,
            String modelFingerprint,
            SearchFilter filter,
            Audience.Reader reader,
            int k) {
        return nearest(vector, modelFingerprint, filter, reader, k, k * properties.overfetch());
    }

    /**
     * The same, from a walk that collects {@code walk} rows. Hybrid search asks hundreds of rows
     * deep to rank documents, where the relaxed order's misplaced rows at the tail change nothing;
     * five times that many would cost it most of its time (docs/knowledge-hub.md).
     */
    List<ChunkHit> nearest(
            float[] vector,
            String modelFingerprint,
            SearchFilter filter,
            Audience.Reader reader,
            int k,
            int walk) {
        String query = literal(vector);
        List<Object> args = new ArrayList<>();
        args.add(query);
        StringBuilder where = new StringBuilder("c.searchable AND c.model_fingerprint = ?");
        args.add(modelFingerprint);
        where.append(" AND ").append(reader.sql("c", args));
        if (!filter.tags().isEmpty()) {
            where.append(" AND c.tags @> ?::text[]");
            args.add(filter.tags().toArray(String[]::new));
        }
        if (filter.author() != null) {
            where.append(" AND c.owner_id = ?");
            args.add(filter.author());
        }
        if (filter.communityEventId() != null) {
            where.append(" AND c.community_event_id = ?");
            args.add(filter.communityEventId());
        }
        if (filter.from() != null) {
            where.append(" AND c.created_at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND c.created_at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        args.add(query);
        args.add(Math.max(k, walk));
        args.add(k);
        String sql =
                """
                WITH nearest AS MATERIALIZED (
                    SELECT c.document_id, c.document_version, c.chunk_index, c.text, c.page, c.slide, c.headings,
                           c.start_offset, c.end_offset, c.embedding <=> ?::vector AS distance
                    FROM document_chunk c
                    WHERE %s
                    ORDER BY c.embedding <=> ?::vector
                    LIMIT ?)
                SELECT n.*, d.title, d.tags, d.owner_id
                FROM nearest n JOIN document d ON d.id = n.document_id
                ORDER BY n.distance
                LIMIT ?
                """
                        .formatted(where);
        int efSearch = properties.efSearch();
        List<ChunkHit> hits =
                transactions.execute(
                        status -> {
                            // SET LOCAL takes no bind parameters; the value is an integer of ours
                            jdbc.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
                            jdbc.execute("SET LOCAL hnsw.ef_search = " + efSearch);
                            return jdbc.query(sql, (row, n) -> hit(row), args.toArray());
                        });
        return hits == null ? List.of() : hits;
    }

    /** pgvector's text form of a vector: {@code [0.1,0.2,...]}. */
    static String literal(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }

    private static ChunkHit hit(ResultSet row) throws SQLException {
        return new ChunkHit(
                row.getObject("document_id", UUID.class),
                row.getInt("document_version"),
                row.getInt("chunk_index"),
                row.getString("text"),
                null,
                (Integer) row.getObject("page"),
                (Integer) row.getObject("slide"),
                strings(row.getArray("headings")),
                row.getInt("start_offset"),
                row.getInt("end_offset"),
                1 - row.getDouble("distance"),
                row.getString("title"),
                strings(row.getArray("tags")),
                row.getObject("owner_id", UUID.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}
