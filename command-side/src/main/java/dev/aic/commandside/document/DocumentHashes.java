package dev.aic.commandside.document;

import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.user.UserId;
import java.util.Optional;

/**
 * The rule that spans documents: a member holds given bytes (by SHA-256) in at most one document. Claims
 * made while handling a command are part of that command's transaction, so they are undone with it.
 */
interface DocumentHashes {

    /** @return the member's document that already holds these bytes, if any */
    Optional<DocumentId> holder(UserId owner, String sha256);

    /**
     * Records that the document now holds these bytes (its current version), releasing what it held before.
     *
     * @return the member's other document that already holds them, in which case nothing was recorded
     */
    Optional<DocumentId> claim(UserId owner, String sha256, DocumentId document);

    /** @return the owner of the document, while it exists */
    Optional<UserId> owner(DocumentId document);

    /** The document is gone: its bytes may be uploaded again. */
    void release(DocumentId document);
}
