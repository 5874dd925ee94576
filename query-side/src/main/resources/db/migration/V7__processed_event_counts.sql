-- How many events each streaming processor took, per bucket of 10,000 global positions, and the sum of their
-- identifiers' 64-bit hashes, written in the processor's own transaction (with its token). The reconciliation
-- compares both with the event store to find an event a processor passed without handling it (a late commit behind
-- an aged neighbour, AxonFramework #4829), even when a redelivered event makes the count come out right, and
-- rewinds that processor to the bucket's start.
CREATE TABLE processed_event_count (
    processor VARCHAR(255) NOT NULL,
    bucket    BIGINT       NOT NULL,
    count     BIGINT       NOT NULL,
    checksum  NUMERIC      NOT NULL,
    PRIMARY KEY (processor, bucket)
);
