-- The e-mail topics a member unsubscribed from (EmailPreferencesChanged), shown to the member themself.
ALTER TABLE user_profile ADD COLUMN email_unsubscribed VARCHAR(32)[] NOT NULL DEFAULT '{}';
