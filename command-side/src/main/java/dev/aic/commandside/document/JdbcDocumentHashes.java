package dev.aic.commandside.document;

import dev.aic.contracts.document.DocumentId;
import dev.aic.contracts.user.UserId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcDocumentHashes implements DocumentHashes {

    private final JdbcTemplate jdbc;

    JdbcDocumentHashes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<DocumentId> holder(UserId owner, String sha256) {
        return jdbc.query("SELECT document_id FROM document_content WHERE owner_id = ? AND sha256 = ?",
                (row, n) -> new DocumentId(row.getObject(1, UUID.class)), owner.value(), sha256).stream().findFirst();
    }

    @Override
    public Optional<UserId> owner(DocumentId document) {
        return jdbc.query("SELECT owner_id FROM document_content WHERE document_id = ?",
                (row, n) -> new UserId(row.getObject("owner_id", UUID.class)), document.value()).stream().findFirst();
    }

    @Override
    public Optional<DocumentId> claim(UserId owner, String sha256, DocumentId document) {
        Optional<DocumentId> other = holder(owner, sha256).filter(holder -> !holder.equals(document));
        if (other.isPresent()) {
            return other;
        }
        if (jdbc.update("UPDATE document_content SET sha256 = ? WHERE document_id = ?", sha256, document.value()) == 1) {
            return Optional.empty();
        }
        // ON CONFLICT keeps the transaction usable; a concurrent upload of the same bytes by the same member
        // waits for the other transaction and then sees its row
        if (jdbc.update("INSERT INTO document_content (document_id, owner_id, sha256) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                document.value(), owner.value(), sha256) == 1) {
            return Optional.empty();
        }
        return holder(owner, sha256);
    }

    @Override
    public void release(DocumentId document) {
        jdbc.update("DELETE FROM document_content WHERE document_id = ?", document.value());
    }
}
