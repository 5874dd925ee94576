-- An erased member (MemberErased) keeps a row so that attendee lists and references still resolve, but the
-- row says "erased member" and holds nothing else about them: no address, bio, avatar, interests or identity.
-- Replayed after the erasure, their UserRegistered has no address at all, hence the nullable column.
ALTER TABLE user_profile
    ALTER COLUMN email DROP NOT NULL,
    ADD COLUMN erased_at TIMESTAMPTZ;
