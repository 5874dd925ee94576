package dev.aic.queryside.document;

import static dev.aic.queryside.document.DocumentHistory.MINILM;
import static dev.aic.queryside.document.DocumentHistory.PROJECTION_DEADLINE;
import static dev.aic.queryside.document.DocumentHistory.SHA;
import static dev.aic.queryside.document.DocumentHistory.chunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingFailed;
import dev.aic.contracts.document.DocumentEvent.ProcessingStarted;
import dev.aic.contracts.document.DocumentEvent.ReprocessingRequested;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.QuerySideIntegrationTest;
import dev.aic.queryside.document.DocumentHistory.Member;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@QuerySideIntegrationTest
class DocumentProjectionIT {

    @Autowired EventStore eventStore;
    @Autowired JdbcTemplate jdbc;
    @Autowired EventProcessingConfiguration processing;
    @Autowired DocumentProjection projection;

    DocumentHistory history;

    @BeforeEach
    void connect() {
        history = new DocumentHistory(eventStore, jdbc, processing);
    }

    @Test
    void anUploadIsProcessedReplacedByANewVersionAndDeleted() {
        Member owner = history.member("Ada Owner");
        Member organizer = history.member("Olga Organiser");
        CommunityEventId event = history.communityEvent(organizer);
        Instant uploadedAt =
                Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Uploaded upload =
                history.uploaded(owner, "Gradients", DocumentVisibility.EVENT_ATTENDEES, event);
        DocumentId id = upload.documentId();
        history.publish(upload, uploadedAt);
        history.awaitProjected();

        Map<String, Object> document = document(id);
        assertThat(document)
                .containsEntry("owner_id", owner.uuid())
                .containsEntry("title", "Gradients")
                .containsEntry("visibility", "EVENT_ATTENDEES")
                .containsEntry("community_event_id", event.value())
                .containsEntry("current_version", 1)
                .containsEntry("content_type", "application/pdf")
                .containsEntry("size_bytes", 2048L)
                .containsEntry("sha256", SHA)
                .containsEntry("original_filename", "gradients.pdf")
                .containsEntry("searchable_version", null)
                .containsEntry("version", 0L);
        assertThat(instant(document.get("created_at"))).isEqualTo(uploadedAt);
        assertThat(instant(document.get("updated_at"))).isEqualTo(uploadedAt);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT array_to_string(tags, ',') FROM document WHERE id = ?",
                                String.class,
                                id.value()))
                .isEqualTo("notes,ml");
        assertThat(processingRows(id)).isEmpty();

        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.awaitProjected();
        assertThat(processing(id, 1))
                .containsEntry("status", "EXTRACTING")
                .containsEntry("chunks_embedded", 0)
                .containsEntry("model_name", "all-minilm-l6-v2")
                .containsEntry("chunk_count", null);

        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 2)));
        history.awaitProjected();
        assertThat(processing(id, 1))
                .containsEntry("status", "EMBEDDING")
                .containsEntry("chunks_embedded", 2);
        assertThat(chunkRows(id)).containsExactly("1/0/false", "1/1/false");

        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 2, 3)));
        history.awaitProjected();
        assertThat(processing(id, 1))
                .containsEntry("status", "EMBEDDING")
                .containsEntry("chunks_embedded", 3);

        // a chunk carries its text, place, vector and the document's audience
        Map<String, Object> chunk =
                jdbc.queryForMap(
                        """
                SELECT text, section_index, page, slide, headings, start_offset, end_offset, token_count, model_name,
                       vector_dims(embedding) AS dimensions, (embedding::real[])[1] AS first, owner_id, visibility,
                       community_event_id, array_to_string(tags, ',') AS tags, created_at
                FROM document_chunk WHERE document_id = ? AND chunk_index = 2""",
                        id.value());
        assertThat(chunk)
                .containsEntry("text", "Version 1, passage 2 about gradient descent.")
                .containsEntry("section_index", 1)
                .containsEntry("page", 2)
                .containsEntry("slide", null)
                .containsEntry("headings", null)
                .containsEntry("start_offset", 0)
                .containsEntry("end_offset", 44)
                .containsEntry("token_count", 12)
                .containsEntry("model_name", "all-minilm-l6-v2")
                .containsEntry("dimensions", 384)
                .containsEntry("first", 0.102f)
                .containsEntry("owner_id", owner.uuid())
                .containsEntry("visibility", "EVENT_ATTENDEES")
                .containsEntry("community_event_id", event.value())
                .containsEntry("tags", "notes,ml");
        assertThat(instant(chunk.get("created_at"))).isEqualTo(uploadedAt);

        history.publish(new ProcessingCompleted(id, 1, MINILM, 3));
        history.awaitProjected();
        assertThat(processing(id, 1))
                .containsEntry("status", "INDEXED")
                .containsEntry("chunk_count", 3)
                .containsEntry("chunks_embedded", 3);
        assertThat(document(id)).containsEntry("searchable_version", 1);
        assertThat(chunkRows(id)).containsExactly("1/0/true", "1/1/true", "1/2/true");

        Instant replacedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        history.publish(
                new VersionAdded(
                        id,
                        2,
                        "text/markdown",
                        512,
                        "f".repeat(64),
                        "documents/" + id + "/2",
                        "gradients.md"),
                replacedAt);
        history.awaitProjected();
        document = document(id);
        assertThat(document)
                .containsEntry("current_version", 2)
                .containsEntry("content_type", "text/markdown")
                .containsEntry("size_bytes", 512L)
                .containsEntry("sha256", "f".repeat(64))
                .containsEntry("original_filename", "gradients.md")
                .containsEntry("searchable_version", 1);
        assertThat(instant(document.get("created_at"))).isEqualTo(uploadedAt);
        assertThat(instant(document.get("updated_at"))).isEqualTo(replacedAt);

        // until the new version is completely embedded, search keeps answering from the old one
        history.publish(new ProcessingStarted(id, 2, MINILM));
        history.publish(new ChunksEmbedded(id, 2, MINILM, chunks(2, 0, 2)));
        history.awaitProjected();
        assertThat(processing(id, 2))
                .containsEntry("status", "EMBEDDING")
                .containsEntry("chunks_embedded", 2);
        assertThat(chunkRows(id))
                .containsExactly("1/0/true", "1/1/true", "1/2/true", "2/0/false", "2/1/false");

        history.publish(new ProcessingCompleted(id, 2, MINILM, 2));
        history.awaitProjected();
        assertThat(document(id)).containsEntry("searchable_version", 2);
        assertThat(chunkRows(id)).containsExactly("2/0/true", "2/1/true");
        assertThat(processing(id, 2))
                .containsEntry("status", "INDEXED")
                .containsEntry("chunk_count", 2);

        history.publish(
                new Deleted(id, List.of("documents/" + id + "/1", "documents/" + id + "/2")));
        history.awaitProjected();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM document WHERE id = ?",
                                Long.class,
                                id.value()))
                .isZero();
        assertThat(processingRows(id)).isEmpty();
        assertThat(chunkRows(id)).isEmpty();
    }

    @Test
    void aDocumentStoredUnderTheFormerEventNamesIsProjectedAsOneStoredToday() {
        Member owner = history.member("Otto Older");
        DocumentId id = new DocumentId(UUID.randomUUID());
        String former = "dev.aic.contracts.document.DocumentEvent$";
        history.publishStored(
                id,
                former + "DocumentUploaded",
                """
                {"documentId":"%s","version":1,"owner":"%s","title":"Stored long ago","tags":["old"],\
                "visibility":"MEMBERS","communityEventId":null,"contentType":"application/pdf","sizeBytes":2048,\
                "sha256":"%s","storageKey":"documents/%s/1","originalFilename":"old.pdf"}"""
                        .formatted(id, owner.id(), SHA, id));
        history.publishStored(
                id,
                former + "DocumentVersionAdded",
                """
                {"documentId":"%s","version":2,"contentType":"text/plain","sizeBytes":10,"sha256":"%s",\
                "storageKey":"documents/%s/2","originalFilename":"old.txt"}"""
                        .formatted(id, "e".repeat(64), id));
        history.awaitProjected();
        assertThat(document(id))
                .containsEntry("owner_id", owner.uuid())
                .containsEntry("title", "Stored long ago")
                .containsEntry("current_version", 2)
                .containsEntry("content_type", "text/plain")
                .containsEntry("original_filename", "old.txt");

        history.publishStored(
                id,
                former + "DocumentDeleted",
                """
                {"documentId":"%s","storageKeys":["documents/%s/1","documents/%s/2"]}"""
                        .formatted(id, id, id));
        history.awaitProjected();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM document WHERE id = ?",
                                Long.class,
                                id.value()))
                .isZero();
    }

    @Test
    void aFailedRunKeepsItsChunksAndARestartBeginsAfresh() {
        Member owner = history.member("Fay Failing");
        DocumentId id = history.upload(owner, "Scanned", DocumentVisibility.MEMBERS, null);
        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 2)));
        history.publish(
                new ProcessingFailed(
                        id,
                        1,
                        MINILM,
                        ProcessingFailureReason.PROCESSING_ERROR,
                        "embedding timed out"));
        history.awaitProjected();
        assertThat(processing(id, 1))
                .containsEntry("status", "FAILED")
                .containsEntry("chunks_embedded", 2)
                .containsEntry("failure_reason", "PROCESSING_ERROR")
                .containsEntry("failure_detail", "embedding timed out");
        assertThat(chunkRows(id)).containsExactly("1/0/false", "1/1/false");

        history.publish(
                new ReprocessingRequested(
                        id, 1, "application/pdf", 2048, SHA, "documents/" + id + "/1"));
        history.awaitProjected();
        assertThat(processingRows(id)).as("queued again").isEmpty();

        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.awaitProjected();
        assertThat(processing(id, 1))
                .containsEntry("status", "EXTRACTING")
                .containsEntry("chunks_embedded", 0)
                .containsEntry("failure_reason", null)
                .containsEntry("failure_detail", null);

        // the restarted run delivers every chunk again; the ones already stored stay as they are
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 3)));
        history.publish(new ProcessingCompleted(id, 1, MINILM, 3));
        history.awaitProjected();
        assertThat(processing(id, 1))
                .containsEntry("status", "INDEXED")
                .containsEntry("chunk_count", 3);
        assertThat(chunkRows(id)).containsExactly("1/0/true", "1/1/true", "1/2/true");
    }

    @Test
    void anEventDeliveredAgainChangesNothing() {
        Member owner = history.member("Rita Redelivered");
        Uploaded upload = history.uploaded(owner, "Twice", DocumentVisibility.PUBLIC, null);
        DocumentId id = upload.documentId();
        history.publish(upload);
        history.publish(new ProcessingStarted(id, 1, MINILM));
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 2)));
        history.publish(new ChunksEmbedded(id, 1, MINILM, chunks(1, 2, 4)));
        history.publish(new ProcessingCompleted(id, 1, MINILM, 4));
        history.awaitProjected();
        String before = snapshot(id);

        // the start (sequence number 1) and the first batch (2) arrive again, as after a crash
        // before the commit
        Instant later = Instant.now();
        projection.on(new ProcessingStarted(id, 1, MINILM), 1, later);
        projection.on(new ChunksEmbedded(id, 1, MINILM, chunks(1, 0, 2)), 2, later);
        projection.on(
                new ProcessingFailed(id, 1, MINILM, ProcessingFailureReason.CORRUPT, "late"),
                3,
                later);
        projection.on(
                new Uploaded(
                        id,
                        1,
                        owner.id(),
                        "Other",
                        List.of(),
                        DocumentVisibility.MEMBERS,
                        null,
                        "text/plain",
                        1,
                        SHA,
                        "elsewhere",
                        null),
                0,
                later);

        assertThat(snapshot(id)).isEqualTo(before);
    }

    @Test
    void replayingEveryEventRebuildsTheSameRows() {
        Member owner = history.member("Ray Replay");
        DocumentId kept = history.upload(owner, "Kept", DocumentVisibility.MEMBERS, null);
        history.publish(new ProcessingStarted(kept, 1, MINILM));
        history.publish(new ChunksEmbedded(kept, 1, MINILM, chunks(1, 0, 2)));
        history.publish(new ProcessingCompleted(kept, 1, MINILM, 2));
        history.publish(
                new VersionAdded(kept, 2, "text/plain", 10, SHA, "documents/" + kept + "/2", null));
        history.publish(new ProcessingStarted(kept, 2, MINILM));
        history.publish(new ChunksEmbedded(kept, 2, MINILM, chunks(2, 0, 1)));
        history.publish(
                new ProcessingFailed(
                        kept, 2, MINILM, ProcessingFailureReason.NO_TEXT, "nothing to read"));
        DocumentId deleted = history.upload(owner, "Gone", DocumentVisibility.PUBLIC, null);
        history.publish(new Deleted(deleted, List.of("documents/" + deleted + "/1")));
        history.awaitProjected();
        List<String> before = tables();
        assertThat(before).anySatisfy(row -> assertThat(row).contains(kept.toString()));

        StreamingEventProcessor processor = history.processor(ProjectionNames.DOCUMENTS);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        long head = history.users().head();
        await().atMost(PROJECTION_DEADLINE)
                .until(
                        () ->
                                processor.processingStatus().size() == 1
                                        && processor.processingStatus().values().stream()
                                                .allMatch(
                                                        status ->
                                                                status.isCaughtUp()
                                                                        && status.getCurrentPosition()
                                                                                        .orElse(-1)
                                                                                >= head));

        assertThat(tables()).isEqualTo(before);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM document WHERE id = ?",
                                Long.class,
                                deleted.value()))
                .isZero();
    }

    private Map<String, Object> document(DocumentId id) {
        return jdbc.queryForMap("SELECT * FROM document WHERE id = ?", id.value());
    }

    private Map<String, Object> processing(DocumentId id, int version) {
        return jdbc.queryForMap(
                "SELECT * FROM document_processing WHERE document_id = ? AND document_version = ?",
                id.value(),
                version);
    }

    private List<Map<String, Object>> processingRows(DocumentId id) {
        return jdbc.queryForList(
                "SELECT * FROM document_processing WHERE document_id = ?", id.value());
    }

    /** version/index/searchable of every chunk of the document, in order. */
    private List<String> chunkRows(DocumentId id) {
        return jdbc.queryForList(
                """
                SELECT document_version || '/' || chunk_index || '/' || searchable FROM document_chunk
                WHERE document_id = ? ORDER BY document_version, chunk_index""",
                String.class,
                id.value());
    }

    private String snapshot(DocumentId id) {
        return jdbc.queryForObject(
                        "SELECT to_jsonb(d)::text FROM document d WHERE id = ?",
                        String.class,
                        id.value())
                + jdbc.queryForList(
                        """
                SELECT to_jsonb(p)::text FROM document_processing p WHERE document_id = ?
                ORDER BY document_version, model_fingerprint""",
                        String.class,
                        id.value())
                + jdbc.queryForList(
                        """
                SELECT to_jsonb(c)::text FROM document_chunk c WHERE document_id = ?
                ORDER BY document_version, model_fingerprint, chunk_index""",
                        String.class,
                        id.value());
    }

    private List<String> tables() {
        return jdbc.queryForList(
                """
                SELECT t FROM (SELECT 1 AS k, id::text AS o, to_jsonb(d)::text AS t FROM document d
                    UNION ALL SELECT 2, document_id || '/' || document_version || '/' || model_fingerprint,
                        to_jsonb(p)::text FROM document_processing p
                    UNION ALL SELECT 3, document_id || '/' || document_version || '/' || model_fingerprint || '/'
                        || lpad(chunk_index::text, 6, '0'), to_jsonb(c)::text FROM document_chunk c) rows
                ORDER BY k, o""",
                String.class);
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }
}
