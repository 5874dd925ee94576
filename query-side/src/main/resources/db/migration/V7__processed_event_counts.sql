-- How many events each streaming processor took, per bucket of 10,000 global positions, written in the
-- processor's own transaction (with its token). The reconciliation compares it with the event store to find
-- an event a processor passed without handling it (a late commit behind an aged neighbour, AxonFramework
-- #4829) and rewinds that processor to the bucket's start.
CREATE TABLE processed_event_count (
    processor VARCHAR(255) NOT NULL,
    bucket    BIGINT       NOT NULL,
    count     BIGINT       NOT NULL,
    PRIMARY KEY (processor, bucket)
);
