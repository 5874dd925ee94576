package dev.aic.queryside.document;

import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.ProcessingFailureReason;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads of the PostgreSQL document read model. */
@Component
class Documents {

    /**
     * A document with the newest processing run of its current version (a run with another model,
     * or a restart, is newer when it started later).
     */
    private static final String SELECT =
            """
            SELECT d.id, d.owner_id, d.title, d.tags, d.visibility, d.community_event_id, d.current_version,
                   d.content_type, d.size_bytes, d.original_filename, d.searchable_version, d.created_at,
                   d.updated_at, d.version, p.model_name, p.status, p.chunks_embedded, p.chunk_count,
                   p.failure_reason, p.failure_detail, p.started_at, p.updated_at AS processing_updated_at
            FROM document d
            LEFT JOIN LATERAL (SELECT * FROM document_processing run
                               WHERE run.document_id = d.id AND run.document_version = d.current_version
                               ORDER BY run.started_at DESC, run.updated_at DESC, run.model_fingerprint
                               LIMIT 1) p ON TRUE
            """;

    private static final RowMapper<DocumentView> DOCUMENT = (rs, row) -> view(rs);

    private final JdbcTemplate jdbc;

    Documents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The document if it exists and {@code audience} may read it. */
    Optional<DocumentView> find(UUID id, DocumentAudience audience) {
        DocumentAudience.Condition visible = audience.condition("d");
        return jdbc
                .query(
                        SELECT + " WHERE d.id = ? AND " + visible.sql(),
                        DOCUMENT,
                        visible.arguments(List.of(id)))
                .stream()
                .findFirst();
    }

    /** Where a content version of a document is stored, if the read model records it. */
    Optional<StoredContent> content(UUID id, int version) {
        return jdbc
                .query(
                        """
                SELECT document_id, version, storage_key, content_type, size_bytes, sha256, original_filename
                FROM document_version WHERE document_id = ? AND version = ?""",
                        (rs, row) ->
                                new StoredContent(
                                        rs.getObject("document_id", UUID.class),
                                        rs.getInt("version"),
                                        rs.getString("storage_key"),
                                        rs.getString("content_type"),
                                        rs.getLong("size_bytes"),
                                        rs.getString("sha256"),
                                        rs.getString("original_filename")),
                        id,
                        version)
                .stream()
                .findFirst();
    }

    /**
     * Up to {@code size} of {@code owner}'s documents, newest first, after the one whose keys are
     * {@code after}.
     */
    List<DocumentView> ofOwner(UUID owner, List<String> after, int size) {
        if (after == null) {
            return jdbc.query(
                    SELECT + " WHERE d.owner_id = ? ORDER BY d.created_at DESC, d.id DESC LIMIT ?",
                    DOCUMENT,
                    owner,
                    size);
        }
        return jdbc.query(
                SELECT
                        + """
                 WHERE d.owner_id = ? AND (d.created_at, d.id) < (?, ?)
                 ORDER BY d.created_at DESC, d.id DESC LIMIT ?""",
                DOCUMENT,
                owner,
                utc(Instant.parse(after.get(0))),
                UUID.fromString(after.get(1)),
                size);
    }

    static List<String> keysOf(DocumentView last) {
        return List.of(last.createdAt().toString(), last.id().toString());
    }

    /** Documents whose current version's newest run failed, the most recent failure first. */
    List<ProcessingFailures.Failure> failures(int size) {
        return jdbc.query(
                """
                SELECT d.id, d.title, d.owner_id, p.document_version, p.model_name, p.failure_reason,
                       p.failure_detail, p.started_at, p.updated_at
                FROM document_processing p JOIN document d ON d.id = p.document_id
                     AND d.current_version = p.document_version
                WHERE p.status = 'FAILED' AND NOT EXISTS (
                    SELECT 1 FROM document_processing later
                    WHERE later.document_id = p.document_id AND later.document_version = p.document_version
                      AND later.started_at > p.started_at)
                ORDER BY p.updated_at DESC, d.id
                LIMIT ?""",
                (rs, row) ->
                        new ProcessingFailures.Failure(
                                rs.getObject("id", UUID.class),
                                rs.getString("title"),
                                rs.getObject("owner_id", UUID.class),
                                rs.getInt("document_version"),
                                rs.getString("model_name"),
                                failureReason(rs),
                                rs.getString("failure_detail"),
                                instant(rs, "started_at"),
                                instant(rs, "updated_at")),
                size);
    }

    private static DocumentView view(ResultSet rs) throws SQLException {
        int currentVersion = rs.getInt("current_version");
        String status = rs.getString("status");
        ProcessingStatus processing =
                status == null
                        ? ProcessingStatus.queued(currentVersion)
                        : new ProcessingStatus(
                                currentVersion,
                                ProcessingState.valueOf(status),
                                rs.getInt("chunks_embedded"),
                                (Integer) rs.getObject("chunk_count"),
                                rs.getString("model_name"),
                                failureReason(rs),
                                rs.getString("failure_detail"),
                                instant(rs, "started_at"),
                                instant(rs, "processing_updated_at"));
        Integer searchableVersion = (Integer) rs.getObject("searchable_version");
        return new DocumentView(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                strings(rs.getArray("tags")),
                DocumentVisibility.valueOf(rs.getString("visibility")),
                rs.getObject("community_event_id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                currentVersion,
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("original_filename"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                processing,
                searchableVersion != null,
                searchableVersion,
                rs.getLong("version"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static ProcessingFailureReason failureReason(ResultSet rs) throws SQLException {
        String reason = rs.getString("failure_reason");
        return reason == null ? null : ProcessingFailureReason.valueOf(reason);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
