-- Runs once, when the postgres container initialises its data volume: the application role
-- Granary's API connects as (no ownership, no BYPASSRLS). Migrations grant it its privileges.
CREATE ROLE granary_app LOGIN PASSWORD 'change-me-app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT granary_app TO granary_owner;
-- The results pipeline's role: the app role's privileges, and BYPASSRLS (it works for every
-- team; see docs/architecture.md, "Database roles and isolation").
CREATE ROLE granary_worker LOGIN PASSWORD 'change-me-worker' NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE IN ROLE granary_app;
