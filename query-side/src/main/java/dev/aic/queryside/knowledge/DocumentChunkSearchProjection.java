package dev.aic.queryside.knowledge;

import dev.aic.contracts.document.DocumentEvent.ChunksEmbedded;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.ProcessingCompleted;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.eventstore.ProcessorTokens;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@code document-chunks} OpenSearch index. Delivery is at least once and every write is
 * idempotent: the metadata carries the event's sequence number + 1 as external version, a chunk is
 * only ever created (its text is the same whichever model embedded it, so a re-embedding leaves it
 * alone), and making a version searchable or dropping chunks can run twice with the same result.
 */
@Component
@ProcessingGroup(ProjectionNames.DOCUMENT_CHUNKS_SEARCH)
class DocumentChunkSearchProjection {

    private static final Logger log = LoggerFactory.getLogger(DocumentChunkSearchProjection.class);

    private final DocumentChunkIndex index;

    DocumentChunkSearchProjection(DocumentChunkIndex index, ProcessorTokens tokens) {
        this.index = index;
        if (index.needsFilling()) {
            // a new (or lost) index starts empty: whatever the token says was indexed went
            // elsewhere
            tokens.forget(ProjectionNames.DOCUMENT_CHUNKS_SEARCH);
        }
    }

    @EventHandler
    void on(Uploaded event, @SequenceNumber long seq, @Timestamp Instant at) {
        String id = event.documentId().toString();
        index.putMetadata(
                event.documentId().value(),
                new ChunkDocument(
                        ChunkDocument.DOCUMENT,
                        id,
                        null,
                        null,
                        null,
                        event.title(),
                        event.tags(),
                        event.owner().value().toString(),
                        event.visibility().name(),
                        event.communityEventId() == null
                                ? null
                                : event.communityEventId().toString(),
                        at,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false),
                seq + 1);
    }

    @EventHandler
    void on(ChunksEmbedded event, @SequenceNumber long seq) {
        UUID id = event.documentId().value();
        var known = index.metadata(id).filter(metadata -> !metadata.document().isDeleted());
        if (known.isEmpty()) {
            log.warn("Chunks of document {} that is not indexed or deleted; skipped", id);
            return;
        }
        ChunkDocument document = known.get().document();
        Integer searchableVersion = document.searchableVersion();
        if (searchableVersion != null && event.version() < searchableVersion) {
            // a later version answers searches already
            return;
        }
        boolean searchable = searchableVersion != null && searchableVersion == event.version();
        List<ChunkDocument> chunks =
                event.chunks().stream()
                        .map(chunk -> chunk(document, event.version(), chunk, searchable))
                        .toList();
        index.createChunks(chunks);
    }

    @EventHandler
    void on(ProcessingCompleted event, @SequenceNumber long seq) {
        UUID id = event.documentId().value();
        var known = index.metadata(id).filter(metadata -> !metadata.document().isDeleted());
        if (known.isEmpty()) {
            return;
        }
        Integer searchableVersion = known.get().document().searchableVersion();
        if (searchableVersion != null && event.version() < searchableVersion) {
            return;
        }
        index.complete(id, event.version());
        // after the chunks: should this fail, the redelivered event does both again
        index.putMetadata(id, known.get().document().completed(event.version()), seq + 1);
    }

    @EventHandler
    void on(Deleted event, @SequenceNumber long seq) {
        UUID id = event.documentId().value();
        index.deleteChunks(id);
        index.metadata(id)
                .ifPresent(
                        metadata ->
                                index.putMetadata(
                                        id, metadata.document().markedDeleted(), seq + 1));
    }

    @ResetHandler
    void reset() {
        index.clear();
    }

    private static ChunkDocument chunk(
            ChunkDocument document, int version, EmbeddedChunk chunk, boolean searchable) {
        var location = chunk.location();
        return new ChunkDocument(
                ChunkDocument.CHUNK,
                document.documentId(),
                version,
                chunk.index(),
                chunk.text(),
                document.title(),
                document.tags(),
                document.ownerId(),
                document.visibility(),
                document.communityEventId(),
                document.createdAt(),
                location == null ? null : location.page(),
                location == null ? null : location.slide(),
                location == null ? null : location.headings(),
                chunk.startOffset(),
                chunk.endOffset(),
                searchable,
                null,
                null);
    }
}
