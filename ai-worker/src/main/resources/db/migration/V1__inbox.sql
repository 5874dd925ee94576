-- The idempotent consumer's memory: one row per integration event whose effect was applied, written
-- in the same transaction as that effect. A redelivered event finds its row and is skipped.
CREATE TABLE processed_message (
    event_id     VARCHAR(255) PRIMARY KEY,
    topic        VARCHAR(255) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
