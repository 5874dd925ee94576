-- The knowledge hub's read models, filled by the "documents" processor from the Document aggregate's events.
-- version columns hold the sequence number of the last event applied, so a redelivered event is skipped.

-- pgvector: ./infra and docker-compose install it as the superuser; on RDS the master user the services
-- connect as may create it (it is not a trusted extension, so an ordinary role could not)
CREATE EXTENSION IF NOT EXISTS vector;

-- One row per uploaded document; a deleted document's row (and its chunks) is removed.
CREATE TABLE document (
    id                 UUID         PRIMARY KEY,
    owner_id           UUID         NOT NULL,
    title              VARCHAR(300) NOT NULL,
    tags               TEXT[]       NOT NULL DEFAULT '{}',
    visibility         VARCHAR(16)  NOT NULL CHECK (visibility IN ('PUBLIC', 'MEMBERS', 'EVENT_ATTENDEES')),
    community_event_id UUID,
    -- the newest content version and its file
    current_version    INTEGER      NOT NULL,
    content_type       VARCHAR(200) NOT NULL,
    size_bytes         BIGINT       NOT NULL,
    sha256             CHAR(64)     NOT NULL,
    original_filename  VARCHAR(300),
    -- the version whose chunks search answers from: the newest one completely embedded (NULL: none yet)
    searchable_version INTEGER,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    version            BIGINT       NOT NULL
);

CREATE INDEX document_by_owner ON document (owner_id, created_at DESC, id);
CREATE INDEX document_by_event ON document (community_event_id) WHERE community_event_id IS NOT NULL;

-- How far processing a version with a model has come: what the uploader watches.
CREATE TABLE document_processing (
    document_id       UUID         NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    document_version  INTEGER      NOT NULL,
    model_name        VARCHAR(100) NOT NULL,
    model_fingerprint CHAR(64)     NOT NULL,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('EXTRACTING', 'EMBEDDING', 'INDEXED', 'FAILED')),
    chunks_embedded   INTEGER      NOT NULL DEFAULT 0,
    chunk_count       INTEGER,
    failure_reason    VARCHAR(40),
    failure_detail    TEXT,
    started_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (document_id, document_version, model_fingerprint)
);

CREATE INDEX document_processing_failed ON document_processing (updated_at DESC) WHERE status = 'FAILED';

-- Every embedded chunk. The document's audience and search facets are repeated here so that the vector
-- search filters in the same scan as the HNSW index (pgvector's iterative scans) instead of joining.
CREATE TABLE document_chunk (
    document_id        UUID         NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    document_version   INTEGER      NOT NULL,
    model_fingerprint  CHAR(64)     NOT NULL,
    chunk_index        INTEGER      NOT NULL,
    model_name         VARCHAR(100) NOT NULL,
    text               TEXT         NOT NULL,
    section_index      INTEGER      NOT NULL,
    page               INTEGER,
    slide              INTEGER,
    headings           TEXT[],
    start_offset       INTEGER      NOT NULL,
    end_offset         INTEGER      NOT NULL,
    token_count        INTEGER      NOT NULL,
    -- both shipped models have 384 dimensions; a model of another size needs a column (and index) of its own
    embedding          vector(384)  NOT NULL,
    -- copied from the document; searchable is true only for chunks of its searchable_version
    owner_id           UUID         NOT NULL,
    visibility         VARCHAR(16)  NOT NULL,
    community_event_id UUID,
    tags               TEXT[]       NOT NULL DEFAULT '{}',
    created_at         TIMESTAMPTZ  NOT NULL,
    searchable         BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (document_id, document_version, model_fingerprint, chunk_index)
);

CREATE INDEX document_chunk_embedding ON document_chunk USING hnsw (embedding vector_cosine_ops)
    WITH (m = 16, ef_construction = 64);
CREATE INDEX document_chunk_by_event ON document_chunk (community_event_id) WHERE community_event_id IS NOT NULL;
