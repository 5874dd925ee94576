-- The inbox of the member listener, which only logged each registration and erasure once (issue 22): nothing in the
-- ai-worker needs member data, so the listener went and with it the table of the events it had applied.
DROP TABLE IF EXISTS processed_message;
