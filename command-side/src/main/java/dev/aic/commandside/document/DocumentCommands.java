package dev.aic.commandside.document;

import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.document.DocumentVisibility;
import dev.aic.contracts.document.EmbeddedChunk;
import dev.aic.contracts.document.EmbeddingModel;
import dev.aic.contracts.document.ProcessingFailureReason;
import dev.aic.contracts.user.UserId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * What can be asked of a {@code Document}; sent only by this module. The content is already in the
 * content store under {@code storageKey} when a command is sent.
 */
final class DocumentCommands {

    private DocumentCommands() {}

    /** Who sends a command: the owner or an administrator may change a document. */
    record Actor(UserId user, boolean admin) {}

    /** Stored content: where, what, and how to verify it. */
    record Content(
            String storageKey,
            String contentType,
            long sizeBytes,
            String sha256,
            String originalFilename) {}

    /**
     * Who may read a document. Only an event's attendees need an event; the other audiences must
     * not name one.
     */
    record Audience(DocumentVisibility visibility, CommunityEventId communityEventId) {

        Audience {
            if ((visibility == DocumentVisibility.EVENT_ATTENDEES) != (communityEventId != null)) {
                throw new InvalidDocumentRequestException(
                        "communityEventId",
                        "is required for EVENT_ATTENDEES visibility, and only then");
            }
        }
    }

    record Upload(
            @TargetAggregateIdentifier DocumentId documentId,
            UserId owner,
            String title,
            List<String> tags,
            Audience audience,
            Content content) {}

    /** Answers {@link Replaced}: content identical to the current version adds none. */
    record AddVersion(
            @TargetAggregateIdentifier DocumentId documentId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor,
            Content content) {}

    /** The content version now current, and whether this command added it. */
    record Replaced(int contentVersion, boolean added) {}

    /**
     * Answers the storage keys of every version, to be removed from the store once the event is
     * stored.
     */
    record Delete(
            @TargetAggregateIdentifier DocumentId documentId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor) {}

    /**
     * Asks for the current version to be processed again; refused once its processing completed and
     * none failed since.
     */
    record Reprocess(
            @TargetAggregateIdentifier DocumentId documentId,
            @TargetAggregateVersion Long expectedVersion,
            Actor actor) {}

    /*
     * The ai-worker's reports, sent by DocumentProcessingReports. A report may arrive more than once, and one
     * for a version that is no longer current (or a deleted document) is stale: neither records anything.
     */

    record RecordProcessingStarted(
            @TargetAggregateIdentifier DocumentId documentId, int version, EmbeddingModel model) {}

    record RecordChunks(
            @TargetAggregateIdentifier DocumentId documentId,
            int version,
            EmbeddingModel model,
            List<EmbeddedChunk> chunks) {}

    record RecordProcessingCompleted(
            @TargetAggregateIdentifier DocumentId documentId,
            int version,
            EmbeddingModel model,
            int chunkCount) {}

    record RecordProcessingFailed(
            @TargetAggregateIdentifier DocumentId documentId,
            int version,
            EmbeddingModel model,
            ProcessingFailureReason reason,
            String detail) {}
}
