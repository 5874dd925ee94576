package dev.aic.queryside.document;

import com.pgvector.PGvector;
import dev.aic.contracts.document.ChunkLocation;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingFailed;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.queryside.ProjectionNames;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code document}, {@code document_version}, {@code document_processing} and {@code
 * document_chunk} in PostgreSQL, in the processor's transaction. Every handler first claims the
 * event's sequence number on the document row ({@code version < seq}); an event the row already
 * reflects claims nothing and changes nothing, so a redelivered batch of chunks is not stored twice
 * and a stale status never overwrites a newer one.
 */
@Component
@ProcessingGroup(ProjectionNames.DOCUMENTS)
class DocumentProjection {

    private final JdbcTemplate jdbc;

    DocumentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Uploaded event, @SequenceNumber long seq, @Timestamp Instant at) {
        jdbc.update(
                """
                INSERT INTO document (id, owner_id, title, tags, visibility, community_event_id, current_version,
                    content_type, size_bytes, sha256, original_filename, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                id(event.documentId()),
                event.owner().value(),
                event.title(),
                event.tags().toArray(String[]::new),
                event.visibility().name(),
                event.communityEventId() == null ? null : event.communityEventId().value(),
                event.version(),
                event.contentType(),
                event.sizeBytes(),
                event.sha256(),
                event.originalFilename(),
                utc(at),
                utc(at),
                seq);
        addVersion(
                event.documentId(),
                event.version(),
                event.storageKey(),
                event.contentType(),
                event.sizeBytes(),
                event.sha256(),
                event.originalFilename());
    }

    @EventHandler
    void on(VersionAdded event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (claim(
                event.documentId(),
                seq,
                """
                current_version = ?, content_type = ?, size_bytes = ?, sha256 = ?, original_filename = ?,
                updated_at = ?""",
                event.version(),
                event.contentType(),
                event.sizeBytes(),
                event.sha256(),
                event.originalFilename(),
                utc(at))) {
            addVersion(
                    event.documentId(),
                    event.version(),
                    event.storageKey(),
                    event.contentType(),
                    event.sizeBytes(),
                    event.sha256(),
                    event.originalFilename());
        }
    }

    @EventHandler
    void on(Deleted event) {
        // the processing rows and the chunks go with it (ON DELETE CASCADE)
        jdbc.update("DELETE FROM document WHERE id = ?", id(event.documentId()));
    }

    @EventHandler
    void on(ProcessingStarted event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!claim(event.documentId(), seq, null)) {
            return;
        }
        // a restart of a run that was under way or failed begins again from the first chunk
        EmbeddingModel model = event.model();
        jdbc.update(
                """
                INSERT INTO document_processing (document_id, document_version, model_name, model_fingerprint,
                    status, chunks_embedded, started_at, updated_at)
                VALUES (?, ?, ?, ?, 'EXTRACTING', 0, ?, ?)
                ON CONFLICT (document_id, document_version, model_fingerprint) DO UPDATE SET
                    model_name = excluded.model_name, status = 'EXTRACTING', chunks_embedded = 0, chunk_count = NULL,
                    failure_reason = NULL, failure_detail = NULL, started_at = excluded.started_at,
                    updated_at = excluded.updated_at""",
                id(event.documentId()),
                event.version(),
                model.name(),
                model.fingerprint(),
                utc(at),
                utc(at));
    }

    @EventHandler
    void on(ChunksEmbedded event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!claim(event.documentId(), seq, null)) {
            return;
        }
        UUID document = id(event.documentId());
        EmbeddingModel model = event.model();
        List<Object[]> rows = new ArrayList<>(event.chunks().size());
        for (EmbeddedChunk chunk : event.chunks()) {
            ChunkLocation location = chunk.location();
            rows.add(
                    new Object[] {
                        event.version(),
                        model.fingerprint(),
                        chunk.index(),
                        model.name(),
                        chunk.text(),
                        chunk.sectionIndex(),
                        location == null ? null : location.page(),
                        location == null ? null : location.slide(),
                        headings(location),
                        chunk.startOffset(),
                        chunk.endOffset(),
                        chunk.tokenCount(),
                        vector(chunk.vector().values()),
                        document
                    });
        }
        // the audience and facets are the document's; a chunk already stored (same key) stays as it
        // is
        jdbc.batchUpdate(
                """
                INSERT INTO document_chunk (document_id, document_version, model_fingerprint, chunk_index, model_name,
                    text, section_index, page, slide, headings, start_offset, end_offset, token_count, embedding,
                    owner_id, visibility, community_event_id, tags, created_at, searchable)
                SELECT d.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, d.owner_id, d.visibility, d.community_event_id,
                    d.tags, d.created_at, FALSE
                FROM document d WHERE d.id = ?
                ON CONFLICT (document_id, document_version, model_fingerprint, chunk_index) DO NOTHING""",
                rows);
        upsertProcessing(document, event.version(), model, at, "EMBEDDING");
        jdbc.update(
                """
                UPDATE document_processing p SET chunks_embedded = (SELECT count(*) FROM document_chunk c
                    WHERE c.document_id = p.document_id AND c.document_version = p.document_version
                      AND c.model_fingerprint = p.model_fingerprint)
                WHERE p.document_id = ? AND p.document_version = ? AND p.model_fingerprint = ?""",
                document,
                event.version(),
                model.fingerprint());
    }

    @EventHandler
    void on(ProcessingCompleted event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!claim(
                event.documentId(),
                seq,
                "searchable_version = greatest(searchable_version, ?)",
                event.version())) {
            return;
        }
        UUID document = id(event.documentId());
        EmbeddingModel model = event.model();
        // a run that was restarted may have left chunks past the end it finally reached
        jdbc.update(
                """
                DELETE FROM document_chunk
                WHERE document_id = ? AND document_version = ? AND model_fingerprint = ? AND chunk_index >= ?""",
                document,
                event.version(),
                model.fingerprint(),
                event.chunkCount());
        upsertProcessing(document, event.version(), model, at, "INDEXED");
        jdbc.update(
                """
                UPDATE document_processing SET chunk_count = ?, chunks_embedded = ?
                WHERE document_id = ? AND document_version = ? AND model_fingerprint = ?""",
                event.chunkCount(),
                event.chunkCount(),
                document,
                event.version(),
                model.fingerprint());
        // older versions' content was replaced: their chunks are no longer anyone's answer
        jdbc.update(
                """
                DELETE FROM document_chunk c USING document d
                WHERE d.id = ? AND c.document_id = d.id AND c.document_version < d.searchable_version""",
                document);
        jdbc.update(
                """
                UPDATE document_chunk c SET searchable = (c.document_version = d.searchable_version)
                FROM document d
                WHERE d.id = ? AND c.document_id = d.id AND c.searchable <> (c.document_version = d.searchable_version)""",
                document);
    }

    @EventHandler
    void on(ProcessingFailed event, @SequenceNumber long seq, @Timestamp Instant at) {
        if (!claim(event.documentId(), seq, null)) {
            return;
        }
        UUID document = id(event.documentId());
        upsertProcessing(document, event.version(), event.model(), at, "FAILED");
        jdbc.update(
                """
                UPDATE document_processing SET failure_reason = ?, failure_detail = ?
                WHERE document_id = ? AND document_version = ? AND model_fingerprint = ?""",
                event.reason().name(),
                event.detail(),
                document,
                event.version(),
                event.model().fingerprint());
    }

    @EventHandler
    void on(ReprocessingRequested event, @SequenceNumber long seq) {
        if (!claim(event.documentId(), seq, null)) {
            return;
        }
        // queued again: the failure is no longer the version's state (its chunks stay until the new
        // run)
        jdbc.update(
                """
                DELETE FROM document_processing WHERE document_id = ? AND document_version = ? AND status = 'FAILED'""",
                id(event.documentId()),
                event.version());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE document_chunk, document_processing, document_version, document");
    }

    /**
     * Where a content version's bytes are and what they are; a version already recorded stays as it
     * is.
     */
    private void addVersion(
            DocumentId document,
            int version,
            String storageKey,
            String contentType,
            long sizeBytes,
            String sha256,
            String originalFilename) {
        jdbc.update(
                """
                INSERT INTO document_version (document_id, version, storage_key, content_type, size_bytes, sha256,
                    original_filename)
                SELECT d.id, ?, ?, ?, ?, ?, ? FROM document d WHERE d.id = ?
                ON CONFLICT (document_id, version) DO NOTHING""",
                version,
                storageKey,
                contentType,
                sizeBytes,
                sha256,
                originalFilename,
                id(document));
    }

    /**
     * The processing row of a version and model with {@code status}, made if its start was never
     * seen.
     */
    private void upsertProcessing(
            UUID document, int version, EmbeddingModel model, Instant at, String status) {
        jdbc.update(
                """
                INSERT INTO document_processing (document_id, document_version, model_name, model_fingerprint,
                    status, chunks_embedded, started_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?)
                ON CONFLICT (document_id, document_version, model_fingerprint) DO UPDATE SET
                    status = excluded.status, updated_at = excluded.updated_at""",
                document,
                version,
                model.name(),
                model.fingerprint(),
                status,
                utc(at),
                utc(at));
    }

    /**
     * Marks event {@code seq} as applied to the document row, with {@code assignments} if any;
     * false when the row already reflects it (or a later event) or is gone, and the caller must
     * then change nothing else.
     */
    private boolean claim(DocumentId documentId, long seq, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 3];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = seq;
        arguments[values.length + 1] = id(documentId);
        arguments[values.length + 2] = seq;
        String set = assignments == null ? "" : assignments + ", ";
        return jdbc.update(
                        "UPDATE document SET " + set + "version = ? WHERE id = ? AND version < ?",
                        arguments)
                == 1;
    }

    private static Object vector(float[] values) {
        return new PGvector(values);
    }

    private static String[] headings(ChunkLocation location) {
        return location == null || location.headings() == null
                ? null
                : location.headings().toArray(String[]::new);
    }

    private static UUID id(DocumentId documentId) {
        return documentId.value();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
