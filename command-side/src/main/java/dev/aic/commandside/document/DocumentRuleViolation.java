package dev.aic.commandside.document;

import dev.aic.contracts.document.DocumentId;

/** A command a document refuses, and why; the kind decides the problem type and status. */
public class DocumentRuleViolation extends RuntimeException {

    public enum Kind { NOT_THE_OWNER, DELETED, DUPLICATE }

    private final Kind kind;
    private final DocumentId existing;

    private DocumentRuleViolation(Kind kind, DocumentId existing, String message) {
        super(message);
        this.kind = kind;
        this.existing = existing;
    }

    static DocumentRuleViolation notTheOwner() {
        return new DocumentRuleViolation(Kind.NOT_THE_OWNER, null,
                "Only the document's owner or an administrator may change it");
    }

    static DocumentRuleViolation deleted(DocumentId id) {
        return new DocumentRuleViolation(Kind.DELETED, id, "Document " + id + " was deleted");
    }

    /** The owner already has a document with these very bytes. */
    static DocumentRuleViolation duplicate(DocumentId existing) {
        return new DocumentRuleViolation(Kind.DUPLICATE, existing,
                "You already uploaded this content as document " + existing);
    }

    public Kind kind() {
        return kind;
    }

    /** The document concerned: for a duplicate, the one that already holds the content. */
    public DocumentId document() {
        return existing;
    }
}
