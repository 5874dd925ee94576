package dev.aic.contracts.document;

import dev.aic.contracts.communityevent.CommunityEventId;
import dev.aic.contracts.user.UserId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Everything that can happen to a {@code Document} aggregate. The bytes live in object storage under
 * {@code storageKey}; the events carry what a consumer needs to fetch and verify them. Who did it and when
 * live in the event's metadata and timestamp.
 */
public sealed interface DocumentEvent {

    DocumentId documentId();

    /**
     * A member uploaded a document: its first content version. {@code contentType} was detected from the
     * bytes, never taken from the client; {@code communityEventId} is set only for {@code EVENT_ATTENDEES}.
     */
    @Revision("1")
    record DocumentUploaded(DocumentId documentId, int version, UserId owner, String title, List<String> tags,
                            DocumentVisibility visibility, CommunityEventId communityEventId, String contentType,
                            long sizeBytes, String sha256, String storageKey, String originalFilename)
            implements DocumentEvent {
    }

    /** New content replaced the current version; earlier versions stay in storage until the document is deleted. */
    @Revision("1")
    record DocumentVersionAdded(DocumentId documentId, int version, String contentType, long sizeBytes,
                                String sha256, String storageKey, String originalFilename) implements DocumentEvent {
    }

    /** Final: the document is gone, and so is the content of every version, listed in {@code storageKeys}. */
    @Revision("1")
    record DocumentDeleted(DocumentId documentId, List<String> storageKeys) implements DocumentEvent {
    }
}
