-- The command-side's set-validation table for documents: a member holds given bytes (SHA-256 of the
-- current version) in at most one document, so an identical re-upload is recognised. Written in the
-- transaction that stores the event it reflects; a deleted document's row is removed.
CREATE TABLE document_content (
    document_id UUID     PRIMARY KEY,
    owner_id    UUID     NOT NULL,
    sha256      CHAR(64) NOT NULL,
    UNIQUE (owner_id, sha256)
);
