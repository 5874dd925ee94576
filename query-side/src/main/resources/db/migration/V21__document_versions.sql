-- Every content version of a document, what GET /api/documents/{id}/content serves: where its bytes are stored
-- and how to describe them. Filled by the "documents" processor from DocumentUploaded and DocumentVersionAdded;
-- documents uploaded before this table existed get their rows when the projection is rebuilt
-- (docs/knowledge-hub.md, "Opening the source").
CREATE TABLE document_version (
    document_id       UUID         NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    version           INTEGER      NOT NULL,
    storage_key       VARCHAR(512) NOT NULL,
    content_type      VARCHAR(200) NOT NULL,
    size_bytes        BIGINT       NOT NULL,
    sha256            CHAR(64)     NOT NULL,
    original_filename VARCHAR(300),
    PRIMARY KEY (document_id, version)
);
