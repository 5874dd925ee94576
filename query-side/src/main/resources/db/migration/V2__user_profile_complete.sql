-- The whole user language reaches the read model: profile, roles, activity and the identity a
-- caller signs in with. Rows of V1 keep working: they get the defaults a registration implies.
ALTER TABLE user_profile
    ADD COLUMN bio        TEXT,
    ADD COLUMN interests  TEXT[]        NOT NULL DEFAULT '{}',
    ADD COLUMN avatar_ref VARCHAR(1024),
    ADD COLUMN roles      VARCHAR(16)[] NOT NULL DEFAULT '{MEMBER}',
    ADD COLUMN active     BOOLEAN       NOT NULL DEFAULT TRUE,
    ADD COLUMN issuer     VARCHAR(1024),
    ADD COLUMN subject    VARCHAR(255),
    ADD COLUMN updated_at TIMESTAMPTZ;

UPDATE user_profile SET updated_at = registered_at;
ALTER TABLE user_profile ALTER COLUMN updated_at SET NOT NULL;

-- one platform user per signed-in identity; users not linked yet have neither (NULLs never collide)
ALTER TABLE user_profile ADD CONSTRAINT user_profile_identity UNIQUE (issuer, subject);

-- keyset pagination: each sort order walks one index, with the id as the stable tiebreaker. Names
-- sort as people expect (ICU root collation: "alice" before "Bob"), not by byte as C.UTF-8 would.
CREATE INDEX user_profile_by_name ON user_profile ((display_name COLLATE "und-x-icu"), id);
CREATE INDEX user_profile_by_registration ON user_profile (registered_at, id);
