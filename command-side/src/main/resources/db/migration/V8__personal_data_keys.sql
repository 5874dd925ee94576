-- One AES-256 key per person, under which the personal fields of their events are stored (docs/personal-data.md).
-- The key is wrapped with the master key from the environment (AIC_PERSONAL_DATA_MASTER_KEY), so this table
-- alone, in a dump or a backup, decrypts nothing. Erasing a person sets key to NULL and keeps the row: a
-- tombstone, so that nothing creates a new key for them and readers tell "erased" from "lost".
CREATE TABLE personal_data_key (
    subject_id UUID        PRIMARY KEY,
    key        BYTEA,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_at  TIMESTAMPTZ,
    CONSTRAINT personal_data_key_erased_has_no_key CHECK ((key IS NULL) = (erased_at IS NOT NULL))
);
