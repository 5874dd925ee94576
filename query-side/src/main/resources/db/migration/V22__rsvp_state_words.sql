-- An RSVP's state in the read model is said in contracts' RsvpState words, as the events and the command API say
-- it: WAITING becomes WAITLISTED. CANCELLED stays: the row of a member who gave their place up, kept for the
-- statistics. The public GET /api/me/events still answers WAITING (MyCommunityEvent maps it, docs/api.md).
DROP INDEX community_event_rsvp_waiting;
ALTER TABLE community_event_rsvp DROP CONSTRAINT community_event_rsvp_state_check;
ALTER TABLE community_event_rsvp DROP CONSTRAINT community_event_rsvp_check;

UPDATE community_event_rsvp SET state = 'WAITLISTED' WHERE state = 'WAITING';

ALTER TABLE community_event_rsvp ADD CONSTRAINT community_event_rsvp_state_check
    CHECK (state IN ('CONFIRMED', 'WAITLISTED', 'CANCELLED'));
ALTER TABLE community_event_rsvp ADD CONSTRAINT community_event_rsvp_check
    CHECK ((state = 'WAITLISTED') = (waiting_position IS NOT NULL));
CREATE INDEX community_event_rsvp_waiting ON community_event_rsvp (event_id, waiting_position)
    WHERE state = 'WAITLISTED';
