package dev.aic.commandside.document;

import dev.aic.contracts.document.DocumentId;
import dev.aic.web.problem.ProblemType;
import dev.aic.web.problem.TypedProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A command a document refuses, and why; the kind decides the problem type and status. */
public class DocumentRuleViolation extends RuntimeException implements TypedProblem {

    public enum Kind {
        NOT_THE_OWNER(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
        DELETED(HttpStatus.CONFLICT, "document-deleted", "Document deleted"),
        DUPLICATE(HttpStatus.CONFLICT, "duplicate-document", "Duplicate document"),
        ALREADY_PROCESSED(
                HttpStatus.CONFLICT, "document-already-processed", "Document already processed");

        private final ProblemType problem;

        Kind(HttpStatus status, String type, String title) {
            this.problem = new ProblemType(status, type, title);
        }
    }

    private final Kind kind;
    private final DocumentId existing;

    private DocumentRuleViolation(Kind kind, DocumentId existing, String message) {
        super(message);
        this.kind = kind;
        this.existing = existing;
    }

    static DocumentRuleViolation notTheOwner() {
        return new DocumentRuleViolation(
                Kind.NOT_THE_OWNER,
                null,
                "Only the document's owner or an administrator may change it");
    }

    static DocumentRuleViolation deleted(DocumentId id) {
        return new DocumentRuleViolation(Kind.DELETED, id, "Document " + id + " was deleted");
    }

    /** The owner already has a document with these very bytes. */
    static DocumentRuleViolation duplicate(DocumentId existing) {
        return new DocumentRuleViolation(
                Kind.DUPLICATE,
                existing,
                "You already uploaded this content as document " + existing);
    }

    /**
     * The current version was processed and no processing of it failed since: nothing to do again.
     */
    static DocumentRuleViolation alreadyProcessed(DocumentId id, int version) {
        return new DocumentRuleViolation(
                Kind.ALREADY_PROCESSED,
                id,
                "Version "
                        + version
                        + " of document "
                        + id
                        + " was processed completely; only a failed or "
                        + "unfinished processing can be repeated");
    }

    public Kind kind() {
        return kind;
    }

    /** The document concerned: for a duplicate, the one that already holds the content. */
    public DocumentId document() {
        return existing;
    }

    @Override
    public ProblemType problemType() {
        return kind.problem;
    }

    /** A duplicate names the document that already holds the content. */
    @Override
    public Map<String, Object> properties() {
        return kind == Kind.DUPLICATE ? Map.of("documentId", existing.toString()) : Map.of();
    }
}
