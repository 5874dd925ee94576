-- The document versions the ai-worker was told about (aic.documents.v1), so that a model switch can
-- re-embed the corpus without the command-side publishing it again.
CREATE TABLE document_version (
    document_id  UUID         NOT NULL,
    version      INT          NOT NULL,
    content_type VARCHAR(255) NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    storage_key  VARCHAR(512) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, version)
);

-- Deleted documents, apart from their versions: a deletion is kept even if no version of it was seen.
CREATE TABLE deleted_document (
    document_id UUID        PRIMARY KEY,
    deleted_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A version processed to the end with a model: written once its Completed (or a final Failed) report was
-- acknowledged by the broker. A version without a run for the active model's fingerprint is re-embedded.
CREATE TABLE embedding_run (
    document_id       UUID         NOT NULL,
    version           INT          NOT NULL,
    model_fingerprint VARCHAR(128) NOT NULL,
    model_name        VARCHAR(255) NOT NULL,
    outcome           VARCHAR(16)  NOT NULL CHECK (outcome IN ('COMPLETED', 'FAILED')),
    failure_reason    VARCHAR(64),
    chunk_count       INT,
    completed_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, version, model_fingerprint),
    FOREIGN KEY (document_id, version) REFERENCES document_version (document_id, version)
);
