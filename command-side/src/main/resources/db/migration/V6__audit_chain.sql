-- The audit chain: one link per stored event, in the order the audit-chain processor sealed them
-- (global index order, with an event that committed late after the ones that overtook it).
-- hash = SHA-256(prev_hash || canonical bytes of the stored row), see dev.aic.commandside.audit.ChainHash;
-- field_digests holds a CRC-32C per sealed column, only to name what changed in an altered event.
-- The primary key on seq is what keeps two sealers from forking the chain.
CREATE TABLE audit_chain (
    seq              BIGINT       PRIMARY KEY,
    global_index     BIGINT       NOT NULL UNIQUE,
    event_identifier VARCHAR(255) NOT NULL,
    hash             BYTEA        NOT NULL,
    prev_hash        BYTEA        NOT NULL,
    field_digests    BYTEA        NOT NULL,
    sealed_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
