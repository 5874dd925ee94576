-- Tokens of the query-side's streaming processors. A PostgreSQL projection writes its rows and its
-- token in one transaction, so a crash never leaves them apart.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

CREATE TABLE user_profile (
    id            UUID         PRIMARY KEY,
    email         VARCHAR(320) NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    -- sequence number of the last event applied: a redelivered event is recognised and skipped
    version       BIGINT       NOT NULL
);
