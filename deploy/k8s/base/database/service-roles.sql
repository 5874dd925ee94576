-- One PostgreSQL role per service (docs/security-least-privilege.md), created or updated idempotently by a
-- role that may create roles: ./infra (the local superuser) and the Job "db-roles" (the RDS master user).
-- psql variables: admin (the role that runs service-schemas.sql afterwards, e.g. aic), and the passwords
-- command_side_password, query_side_password, ai_worker_password. Every run sets the passwords again, so a
-- rotated secret takes effect on the next run.
SELECT format('CREATE ROLE %I LOGIN', name)
FROM unnest(ARRAY['aic_command_side', 'aic_query_side', 'aic_ai_worker']) AS name
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec

-- none of them may create roles or databases (nor is a superuser or bypasses row security: CREATE ROLE's
-- defaults, which only a superuser could change, and RDS's master user is none)
ALTER ROLE aic_command_side WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'command_side_password';
ALTER ROLE aic_query_side WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'query_side_password';
ALTER ROLE aic_ai_worker WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'ai_worker_password';

-- the administrator creates each service's schema on the service's behalf and hands existing objects over to it,
-- which PostgreSQL allows only to a member of the receiving role
GRANT aic_command_side, aic_query_side, aic_ai_worker TO :"admin";
