-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "access" AS ENUM ('PUBLIC', 'PROTECTED', 'PRIVATE');

-- CreateTable
CREATE TABLE "test" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "folder" TEXT,
    "owner" TEXT NOT NULL,
    "access" "access" NOT NULL DEFAULT 'PRIVATE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "test_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "test_name_key" ON "test"("name");


-- Hand-written: Granary's application role (docs/development.md, "Database roles"). The API
-- and workers connect as granary_app, which owns nothing and cannot bypass row-level security;
-- tables belong to the role that runs migrations. Created here when missing, so that a server
-- given only DATABASE_URL works (that role then needs CREATEROLE once).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'granary_app') THEN
    CREATE ROLE granary_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  -- Lets the migrating role act as granary_app when no separate DATABASE_APP_URL is configured.
  BEGIN
    EXECUTE format('GRANT granary_app TO %I', current_user);
  EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    RAISE NOTICE 'granary_app is not granted to %: configure DATABASE_APP_URL', current_user;
  END;
END
$$;

GRANT USAGE ON SCHEMA public TO granary_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO granary_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO granary_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO granary_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO granary_app;

-- The readiness check reads the migration history; only the migrating role writes it. (The
-- table is absent when a shadow database replays these migrations.)
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM granary_app;
    GRANT SELECT ON "_prisma_migrations" TO granary_app;
  END IF;
END
$$;
