-- CreateEnum
CREATE TYPE "team_role" AS ENUM ('VIEWER', 'UPLOADER', 'TESTER', 'MANAGER');

-- CreateEnum
CREATE TYPE "api_key_type" AS ENUM ('USER');

-- CreateTable
CREATE TABLE "team" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "username" TEXT NOT NULL,
    "email" TEXT,
    "first_name" TEXT,
    "last_name" TEXT,
    "password_hash" TEXT,
    "is_admin" BOOLEAN NOT NULL DEFAULT false,
    "default_team" TEXT,
    "oidc_issuer" TEXT,
    "oidc_subject" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_membership" (
    "user_id" UUID NOT NULL,
    "team_id" INTEGER NOT NULL,
    "role" "team_role" NOT NULL,

    CONSTRAINT "team_membership_pkey" PRIMARY KEY ("user_id","team_id","role")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "type" "api_key_type" NOT NULL DEFAULT 'USER',
    "upload_only" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_session" (
    "id" SERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "team_name_key" ON "team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_oidc_issuer_oidc_subject_key" ON "app_user"("oidc_issuer", "oidc_subject");

-- CreateIndex
CREATE INDEX "team_membership_team_id_idx" ON "team_membership"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key"("hash");

-- CreateIndex
CREATE INDEX "api_key_user_id_idx" ON "api_key"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_session_token_hash_key" ON "user_session"("token_hash");

-- CreateIndex
CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id");

-- CreateIndex
CREATE INDEX "test_owner_idx" ON "test"("owner");

-- Hand-written: tests created before teams existed keep their owner, now a team.
INSERT INTO "team" ("name") SELECT DISTINCT "owner" FROM "test" ON CONFLICT DO NOTHING;

-- AddForeignKey
ALTER TABLE "test" ADD CONSTRAINT "test_owner_fkey" FOREIGN KEY ("owner") REFERENCES "team"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ===========================================================================================
-- Hand-written below: formats, the caller's identity, row-level security, authentication
-- lookups. See docs/security.md for the model these implement.
-- ===========================================================================================

-- Horreum's conventions: a team is a role named `<name>-team`.
ALTER TABLE "team" ADD CONSTRAINT "team_name_format" CHECK ("name" ~ '^[a-z0-9][a-z0-9._-]{0,58}-team$');
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_username_format" CHECK ("username" ~ '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$');

-- The caller's identity, set per transaction by the API with set_config(..., true):
--   granary.user_id  the user's id, or '' for anonymous callers;
--   granary.roles    comma-separated Horreum-style roles: `admin`, generic `viewer`/`uploader`/
--                    `tester`/`manager`, team roles `<team>-team`, `<team base>-viewer`, ...
-- A transaction that sets nothing is anonymous: it sees public rows only.
CREATE FUNCTION granary_roles() RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('granary.roles', true), ''), ','), '{}'::text[])
$$;

CREATE FUNCTION granary_has_role(role text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT role = ANY (granary_roles())
$$;

CREATE FUNCTION granary_user_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('granary.user_id', true), '')::uuid
$$;

-- 'performance-team', 'viewer' -> 'performance-viewer'
CREATE FUNCTION granary_team_role(team text, role text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(team, '-team$', '') || '-' || role
$$;

-- Public: anyone. Protected: any caller with a viewer role in some team. Private: the owner
-- team's viewers (testers are viewers too). Admins see everything. An uploader-only member
-- can write to its team but not read its private data.
CREATE FUNCTION granary_can_view(access "access", owner text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT access = 'PUBLIC'
      OR (access = 'PROTECTED' AND granary_has_role('viewer'))
      OR granary_has_role(granary_team_role(owner, 'viewer'))
      OR granary_has_role('admin')
$$;

CREATE FUNCTION granary_can_write(owner text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT granary_has_role(granary_team_role(owner, 'tester')) OR granary_has_role('admin')
$$;

CREATE FUNCTION granary_can_manage(team text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT granary_has_role(granary_team_role(team, 'manager')) OR granary_has_role('admin')
$$;

-- Tests
ALTER TABLE "test" ENABLE ROW LEVEL SECURITY;
CREATE POLICY test_select ON "test" FOR SELECT USING (granary_can_view(access, owner));
CREATE POLICY test_insert ON "test" FOR INSERT WITH CHECK (granary_can_write(owner));
CREATE POLICY test_update ON "test" FOR UPDATE USING (granary_can_write(owner)) WITH CHECK (granary_can_write(owner));
CREATE POLICY test_delete ON "test" FOR DELETE USING (granary_can_write(owner));

-- Teams: names are visible to signed-in callers (to pick an owner); only admins change them.
ALTER TABLE "team" ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_select ON "team" FOR SELECT USING (granary_user_id() IS NOT NULL OR granary_has_role('admin'));
CREATE POLICY team_write ON "team" FOR ALL USING (granary_has_role('admin')) WITH CHECK (granary_has_role('admin'));

-- Users: yourself; managers and admins see users (to add them to teams); managers may update
-- (reset the password of) members of the teams they manage; only admins delete.
ALTER TABLE "app_user" ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_select ON "app_user" FOR SELECT
  USING (id = granary_user_id() OR granary_has_role('admin') OR granary_has_role('manager'));
CREATE POLICY app_user_insert ON "app_user" FOR INSERT
  WITH CHECK (granary_has_role('admin') OR (granary_has_role('manager') AND NOT is_admin));
CREATE POLICY app_user_update ON "app_user" FOR UPDATE
  USING (id = granary_user_id() OR granary_has_role('admin') OR EXISTS (
    SELECT 1 FROM "team_membership" m JOIN "team" t ON t.id = m.team_id
    WHERE m.user_id = "app_user".id AND granary_can_manage(t.name)))
  WITH CHECK (granary_has_role('admin') OR NOT is_admin OR id = granary_user_id());
CREATE POLICY app_user_delete ON "app_user" FOR DELETE USING (granary_has_role('admin'));

-- Memberships: your own; a team's managers (and admins) see and change the team's.
ALTER TABLE "team_membership" ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_membership_select ON "team_membership" FOR SELECT
  USING (user_id = granary_user_id() OR EXISTS (SELECT 1 FROM "team" t WHERE t.id = team_id AND granary_can_manage(t.name)));
CREATE POLICY team_membership_write ON "team_membership" FOR ALL
  USING (EXISTS (SELECT 1 FROM "team" t WHERE t.id = team_id AND granary_can_manage(t.name)))
  WITH CHECK (EXISTS (SELECT 1 FROM "team" t WHERE t.id = team_id AND granary_can_manage(t.name)));

-- API keys and sessions belong to their user alone (admins may list keys).
ALTER TABLE "api_key" ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_key_own ON "api_key" FOR ALL USING (user_id = granary_user_id()) WITH CHECK (user_id = granary_user_id());
CREATE POLICY api_key_admin_select ON "api_key" FOR SELECT USING (granary_has_role('admin'));
ALTER TABLE "user_session" ENABLE ROW LEVEL SECURITY;
CREATE POLICY user_session_own ON "user_session" FOR ALL USING (user_id = granary_user_id()) WITH CHECK (user_id = granary_user_id());

-- Authentication happens before anyone is known, so these narrow lookups run as the table owner
-- (SECURITY DEFINER): each takes a secret's hash (or a username) and returns only whose it is.

-- An API key that is neither revoked nor expired, of a user who is not disabled. The last-used
-- time is recorded at most once a minute per key, so busy CI bots do not write on every request.
CREATE FUNCTION granary_auth_api_key(p_hash text)
RETURNS TABLE (key_id integer, user_id uuid, upload_only boolean)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH hit AS (
    SELECT k.id, k.user_id, k.upload_only, k.last_used_at
    FROM api_key k JOIN app_user u ON u.id = k.user_id
    WHERE k.hash = p_hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND NOT u.disabled
  ), touched AS (
    UPDATE api_key SET last_used_at = now()
    WHERE id IN (SELECT id FROM hit WHERE last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
  )
  SELECT id, user_id, upload_only FROM hit
$$;

-- A live session; each use extends it to `p_idle` from now, never past `p_max_age` after login.
CREATE FUNCTION granary_auth_session(p_hash text, p_idle interval, p_max_age interval)
RETURNS TABLE (session_id integer, user_id uuid, expires_at timestamptz)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH hit AS (
    SELECT s.id, s.user_id, s.created_at, s.expires_at, s.last_seen_at
    FROM user_session s JOIN app_user u ON u.id = s.user_id
    WHERE s.token_hash = p_hash AND s.expires_at > now() AND NOT u.disabled
  ), touched AS (
    UPDATE user_session SET last_seen_at = now(), expires_at = least(hit.created_at + p_max_age, now() + p_idle)
    FROM hit WHERE user_session.id = hit.id AND hit.last_seen_at < now() - interval '1 minute'
    RETURNING user_session.id, user_session.expires_at
  )
  SELECT hit.id, hit.user_id, coalesce((SELECT t.expires_at FROM touched t), hit.expires_at) FROM hit
$$;

-- The password hash of an enabled user with a password (Granary's own users), for login.
CREATE FUNCTION granary_password_lookup(p_username text)
RETURNS TABLE (user_id uuid, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id, password_hash FROM app_user WHERE username = p_username AND NOT disabled AND password_hash IS NOT NULL
$$;

REVOKE ALL ON FUNCTION granary_auth_api_key(text), granary_auth_session(text, interval, interval), granary_password_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION granary_auth_api_key(text), granary_auth_session(text, interval, interval), granary_password_lookup(text) TO granary_app;
