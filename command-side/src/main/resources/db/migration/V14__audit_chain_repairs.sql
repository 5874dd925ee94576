-- Repairs of the audit chain: each one sealed, at the chain's end, events the sealer had skipped (links
-- first_seq..last_seq, for event_identifiers in that order), on behalf of repaired_by, for reason.
-- Only ever inserted: a repair is part of the record an auditor reads.
CREATE TABLE audit_chain_repair (
    id                BIGSERIAL     PRIMARY KEY,
    repaired_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    repaired_by       VARCHAR(512)  NOT NULL,
    reason            TEXT          NOT NULL,
    first_seq         BIGINT        NOT NULL,
    last_seq          BIGINT        NOT NULL,
    event_identifiers VARCHAR(255)[] NOT NULL
);
