package dev.aic.aiworker.document;

import dev.aic.aiworker.embedding.EmbeddingModelVersion;
import dev.aic.contracts.document.ProcessingFailureReason;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The ai-worker's memory of document versions, deletions and which model processed which version.
 */
@Component
class DocumentVersions {

    private static final RowMapper<DocumentVersion> VERSION =
            (row, n) ->
                    new DocumentVersion(
                            row.getObject("document_id", UUID.class),
                            row.getInt("version"),
                            row.getString("content_type"),
                            row.getString("sha256"),
                            row.getString("storage_key"),
                            row.getLong("size_bytes"));

    private final JdbcTemplate jdbc;

    DocumentVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent: a redelivered event finds its row. */
    void record(DocumentVersion version) {
        jdbc.update(
                """
                INSERT INTO document_version (document_id, version, content_type, sha256, storage_key, size_bytes)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                version.documentId(),
                version.version(),
                version.contentType(),
                version.sha256(),
                version.storageKey(),
                version.sizeBytes());
    }

    void markDeleted(UUID documentId) {
        jdbc.update(
                "INSERT INTO deleted_document (document_id) VALUES (?) ON CONFLICT DO NOTHING",
                documentId);
    }

    boolean isDeleted(UUID documentId) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM deleted_document WHERE document_id = ?)",
                        Boolean.class,
                        documentId));
    }

    /**
     * Notes that the version's final report for the model was acknowledged; repeated runs keep the
     * last note.
     */
    void recordRun(
            DocumentVersion version,
            EmbeddingModelVersion model,
            Outcome outcome,
            ProcessingFailureReason failureReason,
            Integer chunkCount) {
        jdbc.update(
                """
                INSERT INTO embedding_run (document_id, version, model_fingerprint, model_name, outcome,
                                           failure_reason, chunk_count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (document_id, version, model_fingerprint) DO UPDATE
                SET outcome = excluded.outcome, failure_reason = excluded.failure_reason,
                    chunk_count = excluded.chunk_count, completed_at = now()""",
                version.documentId(),
                version.version(),
                model.fingerprint(),
                model.name(),
                outcome.name(),
                failureReason == null ? null : failureReason.name(),
                chunkCount);
    }

    /**
     * The latest version of every document that is not deleted and has no run with the model,
     * oldest first: what a switch to that model leaves to re-embed. A version that failed for good
     * (no text, content missing) has a run and is not tried again.
     */
    List<DocumentVersion> withoutRun(String modelFingerprint) {
        return jdbc.query(
                """
                SELECT v.* FROM document_version v
                WHERE v.version = (SELECT max(l.version) FROM document_version l WHERE l.document_id = v.document_id)
                  AND NOT EXISTS (SELECT 1 FROM deleted_document d WHERE d.document_id = v.document_id)
                  AND NOT EXISTS (SELECT 1 FROM embedding_run r WHERE r.document_id = v.document_id
                                  AND r.version = v.version AND r.model_fingerprint = ?)
                ORDER BY v.received_at, v.document_id""",
                VERSION,
                modelFingerprint);
    }

    /** Whether the version still needs the model: still the latest, not deleted, without a run. */
    boolean stillWithoutRun(DocumentVersion version, String modelFingerprint) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        """
                SELECT NOT EXISTS (SELECT 1 FROM deleted_document WHERE document_id = ?)
                   AND NOT EXISTS (SELECT 1 FROM document_version WHERE document_id = ? AND version > ?)
                   AND NOT EXISTS (SELECT 1 FROM embedding_run WHERE document_id = ? AND version = ?
                                   AND model_fingerprint = ?)""",
                        Boolean.class,
                        version.documentId(),
                        version.documentId(),
                        version.version(),
                        version.documentId(),
                        version.version(),
                        modelFingerprint));
    }

    /** How processing a version ended. */
    enum Outcome {
        COMPLETED,
        FAILED
    }
}
