-- The lookups every upload and every authenticated request makes (the upload target, the API key
-- or session, the principal) were SQL functions with SECURITY DEFINER and a search_path: such a
-- function is never inlined into its caller's plan. As PL/pgSQL functions with the same names,
-- arguments, results and rights, their plans are cached per connection.
-- The upload target's query kept a custom plan per call (0.34 ms of planning, inlining the role
-- functions, for 0.04 ms of execution): it is told to use its generic plan.

CREATE OR REPLACE FUNCTION granary_upload_target(p_test text)
RETURNS TABLE (test_id integer, owner text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
  -- The numeric test is a CASE, not an AND: under a generic plan PostgreSQL may cast a name first.
  RETURN QUERY
    SELECT t.id, t.owner FROM test t
    WHERE (t.name = p_test OR t.id = CASE WHEN p_test ~ '^[0-9]{1,9}$' THEN p_test::integer END)
      AND (granary_has_role(granary_team_role(t.owner, 'uploader')) OR granary_can_write(t.owner))
    ORDER BY (t.name = p_test) DESC
    LIMIT 1;
END $$;

CREATE OR REPLACE FUNCTION granary_principal(p_user uuid)
RETURNS TABLE (user_id uuid, username text, is_admin boolean, external_roles text[], memberships jsonb)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT u.id, u.username, u.is_admin, u.external_roles,
           coalesce((SELECT jsonb_agg(jsonb_build_object('team', t.name, 'role', lower(m.role::text)))
                     FROM team_membership m JOIN team t ON t.id = m.team_id WHERE m.user_id = u.id), '[]'::jsonb)
    FROM app_user u WHERE u.id = p_user AND NOT u.disabled;
END $$;

-- Last use is still recorded at most once a minute per key.
CREATE OR REPLACE FUNCTION granary_auth_api_key(p_hash text)
RETURNS TABLE (key_id integer, user_id uuid, upload_only boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH hit AS (
      SELECT k.id, k.user_id, k.upload_only, k.last_used_at
      FROM api_key k JOIN app_user u ON u.id = k.user_id
      WHERE k.hash = p_hash AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND NOT u.disabled
    ), touched AS (
      UPDATE api_key SET last_used_at = now()
      WHERE id IN (SELECT h.id FROM hit h WHERE h.last_used_at IS NULL OR h.last_used_at < now() - interval '1 minute')
    )
    SELECT h.id, h.user_id, h.upload_only FROM hit h;
END $$;

CREATE OR REPLACE FUNCTION granary_auth_session(p_hash text, p_idle interval, p_max_age interval)
RETURNS TABLE (session_id integer, user_id uuid, expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH hit AS (
      SELECT s.id, s.user_id, s.created_at, s.expires_at, s.last_seen_at
      FROM user_session s JOIN app_user u ON u.id = s.user_id
      WHERE s.token_hash = p_hash AND s.expires_at > now() AND NOT u.disabled
    ), touched AS (
      UPDATE user_session SET last_seen_at = now(), expires_at = least(hit.created_at + p_max_age, now() + p_idle)
      FROM hit WHERE user_session.id = hit.id AND hit.last_seen_at < now() - interval '1 minute'
      RETURNING user_session.id, user_session.expires_at
    )
    SELECT hit.id, hit.user_id, coalesce((SELECT t.expires_at FROM touched t), hit.expires_at) FROM hit;
END $$;
