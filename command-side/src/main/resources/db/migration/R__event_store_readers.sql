-- Who may read the event store besides its owner (docs/security-least-privilege.md): the query-side's role reads
-- the events and the personal-data keys that decrypt them, and nothing else here (no user accounts, idempotency
-- records, deadlines or audit chain), and writes nothing. Repeatable: it runs again whenever it changes.
-- A database without the per-service roles (an installation that predates them) skips it.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'aic_query_side') THEN
        GRANT USAGE ON SCHEMA event_store TO aic_query_side;
        GRANT SELECT ON event_store.domainevententry, event_store.personal_data_key TO aic_query_side;
    END IF;
END
$$;
