package dev.aic.commandside.document;

import dev.aic.commandside.ProcessorNames;
import dev.aic.contracts.document.DocumentEvent.Deleted;
import dev.aic.contracts.document.DocumentEvent.Uploaded;
import dev.aic.contracts.document.DocumentEvent.VersionAdded;
import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.user.UserId;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rule that spans documents — a member holds given bytes (by SHA-256 of the current version) in
 * at most one document — kept in {@code document_content}. The event handlers write the table from
 * the events in a subscribing processor, i.e. while the command's unit of work stores them, in the
 * same transaction: a row and its event commit together or not at all, and {@link Document} only
 * decides and applies. Bytes another document of the member holds refuse the command ({@link
 * DocumentRuleViolation#duplicate}); the upload endpoint asks {@link #holder} first, so only a race
 * with the member's own concurrent upload gets that far.
 */
@Component
@ProcessingGroup(ProcessorNames.DOCUMENT_HASHES)
class DocumentHashes {

    /**
     * A subscribing processor (application.yml): its handlers run in the transaction of the
     * command.
     */
    private final JdbcTemplate jdbc;

    DocumentHashes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @return the member's document that already holds these bytes, if any
     */
    Optional<DocumentId> holder(UserId owner, String sha256) {
        return jdbc
                .query(
                        "SELECT document_id FROM document_content WHERE owner_id = ? AND sha256 = ?",
                        (row, n) -> new DocumentId(row.getObject(1, UUID.class)),
                        owner.value(),
                        sha256)
                .stream()
                .findFirst();
    }

    /**
     * @return the owner of the document, while it exists
     */
    Optional<UserId> owner(DocumentId document) {
        return jdbc
                .query(
                        "SELECT owner_id FROM document_content WHERE document_id = ?",
                        (row, n) -> new UserId(row.getObject("owner_id", UUID.class)),
                        document.value())
                .stream()
                .findFirst();
    }

    @EventHandler
    void on(Uploaded event) {
        claim(event.owner(), event.sha256(), event.documentId());
    }

    /** The new version's bytes replace what the document held. */
    @EventHandler
    void on(VersionAdded event) {
        claim(
                owner(event.documentId())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Document "
                                                        + event.documentId()
                                                        + " has no content row")),
                event.sha256(),
                event.documentId());
    }

    /** The document is gone: its bytes may be uploaded again. */
    @EventHandler
    void on(Deleted event) {
        jdbc.update(
                "DELETE FROM document_content WHERE document_id = ?", event.documentId().value());
    }

    private void claim(UserId owner, String sha256, DocumentId document) {
        Optional<DocumentId> other =
                holder(owner, sha256).filter(holder -> !holder.equals(document));
        if (other.isPresent()) {
            throw DocumentRuleViolation.duplicate(other.get());
        }
        if (jdbc.update(
                        "UPDATE document_content SET sha256 = ? WHERE document_id = ?",
                        sha256,
                        document.value())
                == 1) {
            return;
        }
        // ON CONFLICT keeps the transaction usable; a concurrent upload of the same bytes by the
        // same member
        // waits for the other transaction and then sees its row
        if (jdbc.update(
                        "INSERT INTO document_content (document_id, owner_id, sha256) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        document.value(),
                        owner.value(),
                        sha256)
                != 1) {
            holder(owner, sha256)
                    .ifPresent(
                            existing -> {
                                throw DocumentRuleViolation.duplicate(existing);
                            });
        }
    }
}
