-- Each service's schema in the platform's database, owned by the service's own role (service-roles.sql), so that
-- a service's Flyway migrations create tables only there and no service reaches another's tables. Run by the
-- database's owner (a member of the three roles) in that database: ./infra for the local database, the test
-- support for each test database, the Job "db-roles" on RDS. Idempotent; it also hands the objects of an
-- installation from before the split (all owned by the administrator) over to the services.
--
--   command-side: owns event_store (the event store, its tokens, user accounts, the audit chain, the personal
--                 data keys) and notification
--   query-side:   owns query (read models, tokens, dead letters) and the rebuilds' shadow schemas; reads only the
--                 events and the personal data keys of event_store (granted by the command-side's migration
--                 R__event_store_readers.sql, since those tables are the command-side's)
--   ai-worker:    owns ai_worker, and sees no other schema
-- pgvector (the query-side's chunk vectors), which only the administrator may create; the query-side's migration
-- V5 then finds it. A database made from a template that has it (./infra's template1) has it already.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE SCHEMA IF NOT EXISTS event_store AUTHORIZATION aic_command_side;
CREATE SCHEMA IF NOT EXISTS notification AUTHORIZATION aic_command_side;
CREATE SCHEMA IF NOT EXISTS query AUTHORIZATION aic_query_side;
CREATE SCHEMA IF NOT EXISTS ai_worker AUTHORIZATION aic_ai_worker;

DO $$
DECLARE
    owners CONSTANT jsonb := '{"event_store": "aic_command_side", "notification": "aic_command_side",
                               "query": "aic_query_side", "ai_worker": "aic_ai_worker"}';
    item   record;
BEGIN
    -- CREATE SCHEMA (Flyway's, V4's "notification", the query-side's rebuild schemas) needs CREATE on the
    -- database; the ai-worker gets none
    EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO aic_command_side, aic_query_side', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO aic_ai_worker', current_database());
    EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());

    FOR item IN
        SELECT n.nspname AS schema_name, owners ->> n.nspname AS owner
        FROM pg_namespace n
        WHERE n.nspname IN (SELECT jsonb_object_keys(owners))
          AND pg_get_userbyid(n.nspowner) <> owners ->> n.nspname
    LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.schema_name, item.owner);
    END LOOP;

    -- tables, views and free-standing sequences; indexes and a serial column's sequence follow their table
    FOR item IN
        SELECT n.nspname AS schema_name, c.relname, owners ->> n.nspname AS owner
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN (SELECT jsonb_object_keys(owners))
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND pg_get_userbyid(c.relowner) <> owners ->> n.nspname
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d
                                               WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                 AND d.deptype IN ('a', 'i')))
    LOOP
        EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', item.schema_name, item.relname, item.owner);
    END LOOP;
END
$$;
