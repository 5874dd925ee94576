-- user_account replaces user_email. It stays the command-side's set-validation table (one address,
-- one identity per user) and also answers "who is this caller": which user a signed-in identity is,
-- whether that user is active and which roles the platform granted. Every row is written in the
-- transaction that stores the event it reflects.
CREATE TABLE user_account (
    user_id UUID         PRIMARY KEY,
    email   VARCHAR(320) NOT NULL UNIQUE,
    issuer  VARCHAR(500),
    subject VARCHAR(255),
    active  BOOLEAN      NOT NULL DEFAULT TRUE,
    roles   VARCHAR(20)[] NOT NULL DEFAULT '{MEMBER}',
    UNIQUE (issuer, subject)
);

INSERT INTO user_account (user_id, email) SELECT user_id, email FROM user_email;
DROP TABLE user_email;

-- the first response to each (caller, Idempotency-Key), replayed to retries; written in the
-- transaction of the command it answers, so a key is recorded exactly when its event is
CREATE TABLE idempotency_record (
    caller       VARCHAR(800) NOT NULL,
    key          VARCHAR(255) NOT NULL,
    request_hash BYTEA        NOT NULL,
    status       INTEGER,
    headers      TEXT,
    body         TEXT,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
