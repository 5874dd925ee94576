-- Axon's JDBC storage engine, laid out along Axon's PostgreSQL guidance:
-- payloads as bytea (never large objects), a global index from a sequence with increment 1 and
-- no cache (positions have no avoidable gaps), and the indexes the engine queries by.

CREATE TABLE domainevententry (
    globalindex         BIGSERIAL    NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);
ALTER SEQUENCE domainevententry_globalindex_seq INCREMENT BY 1 CACHE 1;

-- createTokenAt(instant) and audits by time range look events up by their timestamp
CREATE INDEX domainevententry_timestamp_idx ON domainevententry (timestamp);

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

-- tokens of the command-side's own streaming processors (the Kafka publisher)
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

-- set validation across User aggregates: one row per claimed address, written in the
-- transaction that stores the UserRegistered event
CREATE TABLE user_email (
    email   VARCHAR(320) PRIMARY KEY,
    user_id UUID         NOT NULL UNIQUE
);
