-- E-mail notifications (promotion, reminder, cancellation). The "notifications" processor keeps what it
-- needs to know about people and community events in these tables, in the transaction of its token, and
-- turns each cause into outbox rows; the dispatcher sends those over SMTP and marks them sent.
CREATE SCHEMA IF NOT EXISTS notification;

CREATE TABLE notification.recipient (
    user_id      UUID    PRIMARY KEY,
    email        TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    -- EmailTopic names the member unsubscribed from
    unsubscribed TEXT[]  NOT NULL DEFAULT '{}'
);

CREATE TABLE notification.community_event (
    event_id    UUID                     PRIMARY KEY,
    title       TEXT                     NOT NULL,
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    time_zone   TEXT                     NOT NULL,
    venue       TEXT,
    online_link TEXT
);

-- who holds a seat or waits, for the cancellation notice
CREATE TABLE notification.attendance (
    event_id UUID NOT NULL,
    member   UUID NOT NULL,
    PRIMARY KEY (event_id, member)
);

-- the one-click unsubscribe link of a member's e-mails about one topic (RFC 8058)
CREATE TABLE notification.unsubscribe_link (
    token   TEXT PRIMARY KEY,
    user_id UUID NOT NULL,
    topic   TEXT NOT NULL,
    UNIQUE (user_id, topic)
);

-- one row per cause and recipient: the primary key is what makes a redelivered event send nothing twice
CREATE TABLE notification.outbox (
    cause           TEXT                     PRIMARY KEY,
    user_id         UUID                     NOT NULL,
    topic           TEXT                     NOT NULL,
    subject         TEXT                     NOT NULL,
    body            TEXT                     NOT NULL,
    status          TEXT                     NOT NULL DEFAULT 'PENDING',
    attempts        INT                      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    last_error      TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    sent_at         TIMESTAMP WITH TIME ZONE
);

CREATE INDEX outbox_due_idx ON notification.outbox (next_attempt_at) WHERE status = 'PENDING';
