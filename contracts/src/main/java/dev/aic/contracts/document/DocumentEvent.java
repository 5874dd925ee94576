package dev.aic.contracts.document;

import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.UserId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a {@code Document} aggregate. The bytes live in object storage
 * under {@code storageKey}; the events carry what a consumer needs to fetch and verify them. Who
 * did it and when live in the event's metadata and timestamp.
 */
public sealed interface DocumentEvent {

    DocumentId documentId();

    /**
     * A member uploaded a document: its first content version. {@code contentType} was detected
     * from the bytes, never taken from the client; {@code communityEventId} is set only for {@code
     * EVENT_ATTENDEES}.
     */
    @Revision("1")
    record Uploaded(
            DocumentId documentId,
            int version,
            UserId owner,
            String title,
            List<String> tags,
            DocumentVisibility visibility,
            CommunityEventId communityEventId,
            String contentType,
            long sizeBytes,
            String sha256,
            String storageKey,
            String originalFilename)
            implements DocumentEvent {}

    /**
     * New content replaced the current version; earlier versions stay in storage until the document
     * is deleted.
     */
    @Revision("1")
    record VersionAdded(
            DocumentId documentId,
            int version,
            String contentType,
            long sizeBytes,
            String sha256,
            String storageKey,
            String originalFilename)
            implements DocumentEvent {}

    /**
     * Final: the document is gone, and so is the content of every version, listed in {@code
     * storageKeys}.
     */
    @Revision("1")
    record Deleted(DocumentId documentId, List<String> storageKeys) implements DocumentEvent {}

    /**
     * The ai-worker began to process a version with a model: the document is being extracted. A
     * processing of the same version and model that was under way or failed starts again from the
     * first chunk.
     */
    @Revision("1")
    record ProcessingStarted(DocumentId documentId, int version, EmbeddingModel model)
            implements DocumentEvent {}

    /**
     * Chunks of a version and their vectors, one embedding batch of them. A chunk is recorded once
     * per version and model: a redelivered batch records nothing.
     */
    @Revision("1")
    record ChunksEmbedded(
            DocumentId documentId, int version, EmbeddingModel model, List<EmbeddedChunk> chunks)
            implements DocumentEvent {}

    /**
     * Every chunk of the version has its vector from the model; {@code chunkCount} chunks in all.
     */
    @Revision("1")
    record ProcessingCompleted(
            DocumentId documentId, int version, EmbeddingModel model, int chunkCount)
            implements DocumentEvent {}

    /**
     * The version could not be processed, for one of the {@link ProcessingFailureReason}s; {@code
     * detail} says what happened, for people.
     */
    @Revision("1")
    record ProcessingFailed(
            DocumentId documentId,
            int version,
            EmbeddingModel model,
            ProcessingFailureReason reason,
            String detail)
            implements DocumentEvent {}

    /**
     * The owner or an admin asked for the current version to be processed again, e.g. after a
     * failure.
     */
    @Revision("1")
    record ReprocessingRequested(
            DocumentId documentId,
            int version,
            String contentType,
            long sizeBytes,
            String sha256,
            String storageKey)
            implements DocumentEvent {}
}
