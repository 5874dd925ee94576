-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue, default DeadLetterSchema): events a projection
-- could not handle, parked per processing group and sequence (the aggregate id) in order, so that later events
-- of the same aggregate wait behind them while other aggregates carry on. Columns as Axon's
-- GenericDeadLetterTableFactory makes them, in PostgreSQL types: bytea for serialized data, timestamps as
-- Axon's ISO-8601 text, and text for the cause (Axon truncates it to 1024 characters, not 255).
CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255) NOT NULL,
    processinggroup      VARCHAR(255) NOT NULL,
    sequenceidentifier   VARCHAR(255) NOT NULL,
    sequenceindex        BIGINT       NOT NULL,
    messagetype          VARCHAR(255) NOT NULL,
    eventidentifier      VARCHAR(255) NOT NULL,
    timestamp            VARCHAR(255) NOT NULL,
    payloadtype          VARCHAR(255) NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA        NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255) NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         TEXT,
    diagnostics          BYTEA,
    CONSTRAINT deadletterentry_pk PRIMARY KEY (deadletteridentifier),
    CONSTRAINT deadletterentry_sequence_index UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);

-- the unique constraint's index serves lookups by group and by group + sequence (enqueueIfPresent, once per
-- event handled); this one serves the claim query of a retry, which picks sequences by when they were touched
CREATE INDEX deadletterentry_claimable ON deadletterentry (processinggroup, lasttouched);
