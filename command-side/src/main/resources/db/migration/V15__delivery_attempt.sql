-- Records a consumer has started and not finished: a row is written and committed before a Kafka record's work
-- starts and deleted when the work returns, with a result or an exception. What is left behind is an attempt that
-- took the process down (out of memory, a native crash, kill -9); counted here, it survives the restart that
-- Kafka's own redelivery does not remember. A record with too many such attempts is parked, not processed again.
CREATE TABLE delivery_attempt (
    consumer_group VARCHAR(255) NOT NULL,
    topic          VARCHAR(255) NOT NULL,
    partition_no   INTEGER      NOT NULL,
    record_offset  BIGINT       NOT NULL,
    unfinished     INTEGER      NOT NULL,
    last_started   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, partition_no, record_offset)
);
