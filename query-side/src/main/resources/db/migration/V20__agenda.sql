-- Agendas of community events (command-side Agenda aggregate, docs/adr/0006-agenda-aggregate.md). The agenda row
-- carries the aggregate's version: every handler claims its sequence number there first, so a replayed or
-- redelivered event changes nothing. Numbered 20 to leave room for migrations of other work in progress.
CREATE TABLE agenda (
    id           UUID PRIMARY KEY,
    event_id     UUID         NOT NULL,
    organizers   UUID[]       NOT NULL,
    window_from  TIMESTAMPTZ  NOT NULL,
    window_until TIMESTAMPTZ  NOT NULL,
    time_zone    VARCHAR(64)  NOT NULL,
    published    BOOLEAN      NOT NULL DEFAULT FALSE,
    version      BIGINT       NOT NULL
);
CREATE UNIQUE INDEX agenda_by_event ON agenda (event_id);

CREATE TABLE agenda_room (
    agenda_id UUID         NOT NULL,
    room_id   UUID         NOT NULL,
    name      VARCHAR(100) NOT NULL,
    capacity  INTEGER      NOT NULL,
    equipment TEXT[]       NOT NULL,
    PRIMARY KEY (agenda_id, room_id)
);

CREATE TABLE agenda_slot (
    agenda_id UUID        NOT NULL,
    slot_id   UUID        NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at   TIMESTAMPTZ NOT NULL,
    room_ids  UUID[]      NOT NULL,
    PRIMARY KEY (agenda_id, slot_id)
);

CREATE TABLE agenda_session (
    agenda_id          UUID         NOT NULL,
    session_id         UUID         NOT NULL,
    title              VARCHAR(200) NOT NULL,
    summary            TEXT,
    speakers           UUID[]       NOT NULL,
    duration_minutes   INTEGER      NOT NULL,
    track              VARCHAR(60),
    tags               TEXT[]       NOT NULL,
    required_equipment TEXT[]       NOT NULL,
    expected_audience  INTEGER      NOT NULL,
    slot_id            UUID,
    room_id            UUID,
    locked             BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (agenda_id, session_id)
);

CREATE TABLE agenda_mark (
    agenda_id  UUID NOT NULL,
    session_id UUID NOT NULL,
    member_id  UUID NOT NULL,
    PRIMARY KEY (agenda_id, session_id, member_id)
);
CREATE INDEX agenda_mark_by_member ON agenda_mark (member_id, agenda_id);

-- a solve and what came of it: SOLVING, PROPOSED, ACCEPTED or DISCARDED; the proposal as the event said it
CREATE TABLE agenda_solve (
    agenda_id           UUID        NOT NULL,
    solve_id            UUID        NOT NULL,
    status              VARCHAR(16) NOT NULL,
    time_budget_seconds INTEGER     NOT NULL,
    hard_score          BIGINT,
    soft_score          BIGINT,
    elapsed_millis      BIGINT,
    proposal            JSONB,
    requested_at        TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agenda_id, solve_id)
);
