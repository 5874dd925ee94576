-- Which stored events name whom: every UUID in an event's aggregate id, payload and metadata, written by the
-- append's own transaction (a trigger), so a member's export reads their rows by index instead of searching
-- every payload of the store. Embedding chunks are left out: they name documents, never people, and are large.
-- The UUIDs are ids, never personal data, so the index needs no crypto-shredding.
CREATE TABLE event_subject (
    subject_id   UUID   NOT NULL,
    global_index BIGINT NOT NULL,
    PRIMARY KEY (subject_id, global_index)
);

CREATE FUNCTION event_subjects(aggregate_id VARCHAR, payload_type VARCHAR, payload BYTEA, metadata BYTEA)
    RETURNS SETOF UUID LANGUAGE sql STABLE AS $$
    SELECT DISTINCT m[1]::uuid
    FROM regexp_matches(
            aggregate_id
            || ' ' || CASE WHEN payload_type = 'dev.aic.contracts.document.DocumentEvent$ChunksEmbedded' THEN ''
                           ELSE convert_from(payload, 'UTF8') END
            || ' ' || coalesce(convert_from(metadata, 'UTF8'), ''),
            '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'g') AS m
$$;

CREATE FUNCTION index_event_subjects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_subject (subject_id, global_index)
    SELECT subject, NEW.globalindex
    FROM event_subjects(NEW.aggregateidentifier, NEW.payloadtype, NEW.payload, NEW.metadata) AS subject
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER domainevententry_subjects AFTER INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION index_event_subjects();

INSERT INTO event_subject (subject_id, global_index)
SELECT subject, globalindex
FROM domainevententry, event_subjects(aggregateidentifier, payloadtype, payload, metadata) AS subject
ON CONFLICT DO NOTHING;

-- "Export my data" as a job: progress while it runs, the archive for a day after, and a bound per member.
-- The archive holds the member's personal data in clear: erasure deletes it with the account.
CREATE TABLE member_export (
    id           UUID         PRIMARY KEY,
    user_id      UUID         NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    events_total BIGINT,
    events_done  BIGINT       NOT NULL DEFAULT 0,
    requested_at TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ,
    archive      BYTEA
);
CREATE INDEX member_export_user_idx ON member_export (user_id, requested_at);
-- one unfinished export per member: a second request while one runs finds it instead of starting another
CREATE UNIQUE INDEX member_export_one_running ON member_export (user_id) WHERE status IN ('QUEUED', 'RUNNING');
