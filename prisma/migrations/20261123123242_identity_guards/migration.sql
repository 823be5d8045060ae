-- Hand-written: what row-level security cannot say about columns. A user may update their own
-- row (default team, password) and their own API keys (name, revocation), but never make
-- themselves an administrator, give themselves identity-provider roles, or bring a revoked key
-- back. The API never tries; these guards keep a bug in a controller from doing it.

-- Only administrators change who is an administrator; only sign-in (the system) links a user to
-- an identity provider or records the roles it gave.
CREATE FUNCTION granary_app_user_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user <> 'granary_app' THEN
    RETURN NEW; -- migrations and the owner's maintenance
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.is_admin AND NOT granary_has_role('admin') THEN
      RAISE EXCEPTION 'only administrators may create administrators' USING ERRCODE = '42501';
    END IF;
    IF (coalesce(cardinality(NEW.external_roles), 0) > 0 OR NEW.oidc_issuer IS NOT NULL OR NEW.oidc_subject IS NOT NULL)
       AND NOT granary_has_role('granary-system') THEN
      RAISE EXCEPTION 'only sign-in links a user to an identity provider' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.is_admin IS DISTINCT FROM OLD.is_admin AND NOT granary_has_role('admin') THEN
    RAISE EXCEPTION 'only administrators may change who is an administrator' USING ERRCODE = '42501';
  END IF;
  IF (NEW.external_roles IS DISTINCT FROM OLD.external_roles OR NEW.oidc_issuer IS DISTINCT FROM OLD.oidc_issuer
      OR NEW.oidc_subject IS DISTINCT FROM OLD.oidc_subject) AND NOT granary_has_role('granary-system') THEN
    RAISE EXCEPTION 'only sign-in changes a user''s identity-provider link and roles' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER app_user_guard BEFORE INSERT OR UPDATE ON "app_user" FOR EACH ROW EXECUTE FUNCTION granary_app_user_guard();

-- An API key's secret, owner, scope and expiry are fixed at creation; a revocation is final.
CREATE FUNCTION granary_api_key_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user <> 'granary_app' THEN
    RETURN NEW;
  END IF;
  IF NEW.hash IS DISTINCT FROM OLD.hash OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.upload_only IS DISTINCT FROM OLD.upload_only
     OR NEW.expires_at IS DISTINCT FROM OLD.expires_at OR NEW.type IS DISTINCT FROM OLD.type OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'an API key can only be renamed or revoked' USING ERRCODE = '42501';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
    RAISE EXCEPTION 'a revoked API key stays revoked' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER api_key_guard BEFORE UPDATE ON "api_key" FOR EACH ROW EXECUTE FUNCTION granary_api_key_guard();
