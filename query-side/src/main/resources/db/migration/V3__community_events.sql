-- Community events as members browse them, and everyone's place in each. Both tables are rebuilt from
-- the event store by the "community-events" processor; version and updated_version hold the sequence
-- number of the last event applied, so a redelivered event is recognised and skipped.
CREATE TABLE community_event (
    id               UUID         PRIMARY KEY,
    title            VARCHAR(200) NOT NULL,
    description      TEXT,
    venue            TEXT,
    online_link      TEXT,
    tags             TEXT[]       NOT NULL DEFAULT '{}',
    visibility       VARCHAR(16)  NOT NULL,
    starts_at        TIMESTAMPTZ  NOT NULL,
    ends_at          TIMESTAMPTZ  NOT NULL,
    time_zone        VARCHAR(64),
    capacity         INTEGER      NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'CANCELLED')),
    -- a cancelled event stays visible to members (and in their calendars) only if it was ever published
    published        BOOLEAN      NOT NULL DEFAULT FALSE,
    organizers       UUID[]       NOT NULL,
    confirmed_count  INTEGER      NOT NULL DEFAULT 0,
    waiting_count    INTEGER      NOT NULL DEFAULT 0,
    checked_in_count INTEGER      NOT NULL DEFAULT 0,
    version          BIGINT       NOT NULL
);

CREATE INDEX community_event_by_start ON community_event (starts_at, id);
CREATE INDEX community_event_by_tag ON community_event USING GIN (tags);
CREATE INDEX community_event_by_organizer ON community_event USING GIN (organizers);

CREATE TABLE community_event_rsvp (
    event_id         UUID        NOT NULL REFERENCES community_event (id) ON DELETE CASCADE,
    user_id          UUID        NOT NULL,
    state            VARCHAR(16) NOT NULL CHECK (state IN ('CONFIRMED', 'WAITING', 'CANCELLED')),
    -- the sequence number of the event that put the member on the waiting list: the list's order
    waiting_position BIGINT,
    checked_in       BOOLEAN     NOT NULL DEFAULT FALSE,
    ever_waitlisted  BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_version  BIGINT      NOT NULL,
    PRIMARY KEY (event_id, user_id),
    CHECK ((state = 'WAITING') = (waiting_position IS NOT NULL))
);

CREATE INDEX community_event_rsvp_by_member ON community_event_rsvp (user_id, state);
CREATE INDEX community_event_rsvp_waiting ON community_event_rsvp (event_id, waiting_position) WHERE state = 'WAITING';
