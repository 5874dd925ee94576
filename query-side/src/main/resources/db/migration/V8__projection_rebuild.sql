-- The latest blue/green rebuild of each projection (package rebuild): what every instance of the query-side
-- reads to resume, stop or report a rebuild. The rebuild's own progress is its token in tokenentry.
CREATE TABLE projection_rebuild (
    projection  VARCHAR(255) PRIMARY KEY,
    state       VARCHAR(16)  NOT NULL CHECK (state IN ('RUNNING', 'DIFFERS', 'SWAPPED', 'CANCELLED')),
    -- the shadow schema or the new index generation the rebuild writes
    target      VARCHAR(255) NOT NULL,
    -- swap even when the comparison with the live model finds differences
    force       BOOLEAN      NOT NULL DEFAULT FALSE,
    started_at  TIMESTAMPTZ  NOT NULL,
    finished_at TIMESTAMPTZ,
    -- the event position the rebuilt model had reached when it was swapped in
    position    BIGINT,
    comparison  TEXT,
    detail      TEXT
);
