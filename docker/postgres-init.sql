-- Runs once, when the postgres container initialises its data volume: the application role
-- Granary's API connects as (no ownership, no BYPASSRLS). Migrations grant it its privileges.
CREATE ROLE granary_app LOGIN PASSWORD 'change-me-app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
GRANT granary_app TO granary_owner;
