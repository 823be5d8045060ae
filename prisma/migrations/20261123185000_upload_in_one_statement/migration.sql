-- Uploads in one statement, and a cheaper raw copy of each run (issue 4's ingest figures).

-- The raw text of a run is stored as sent, without pglz compression: compressing ~20 KB of JSON
-- cost PostgreSQL about 0.4 ms per upload, more than storing the extra bytes. The jsonb copies
-- (run and dataset) are already stored uncompressed. Existing rows keep their compression.
ALTER TABLE "run" ALTER COLUMN "raw_data" SET STORAGE EXTERNAL;

-- An upload's write in one statement, so one round trip and PL/pgSQL's cached plans: it acts for
-- the caller (the same transaction-local settings as every request's transaction, read by the
-- row-level security policies), finds the test the caller may upload to, returns the run an
-- earlier upload with the same key created, checks the run's owner team and inserts the run.
--   p_owner: the owner team asked for, else the uploader's only team; NULL means the test's owner.
--   p_may_own: the teams the caller may own runs for besides the test's owner; NULL means any.
-- The outcome is 'created', 'existing', 'no-test' (missing, or not the caller's to upload to:
-- deliberately the same) or 'owner-refused' (with the owner asked for).
CREATE FUNCTION granary_upload_run(
  p_user_id text, p_roles text, p_test text, p_upload_key text, p_owner text, p_may_own text[],
  p_data text, p_raw text, p_metadata jsonb, p_start timestamptz, p_stop timestamptz,
  p_description text, p_access access, p_uploaded_by uuid)
RETURNS TABLE (outcome text, run_id integer, owner text)
LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
  v_test integer;
  v_test_owner text;
  v_owner text;
  v_id integer;
BEGIN
  PERFORM set_config('granary.user_id', p_user_id, true),
          set_config('granary.roles', p_roles, true),
          set_config('granary.reason', 'upload', true);
  SELECT t.test_id, t.owner INTO v_test, v_test_owner FROM granary_upload_target(p_test) t;
  IF v_test IS NULL THEN
    RETURN QUERY SELECT 'no-test'::text, NULL::integer, NULL::text;
    RETURN;
  END IF;
  IF p_upload_key IS NOT NULL THEN
    v_id := granary_run_by_upload_key(v_test, p_upload_key);
    IF v_id IS NOT NULL THEN
      RETURN QUERY SELECT 'existing'::text, v_id, v_test_owner;
      RETURN;
    END IF;
  END IF;
  v_owner := coalesce(p_owner, v_test_owner);
  IF v_owner <> v_test_owner AND p_may_own IS NOT NULL AND NOT (v_owner = ANY (p_may_own)) THEN
    RETURN QUERY SELECT 'owner-refused'::text, NULL::integer, v_owner;
    RETURN;
  END IF;
  -- No RETURNING: an uploader may write a run it may not read, and RETURNING applies the read policy.
  v_id := nextval(pg_get_serial_sequence('run', 'id'));
  INSERT INTO run (id, test_id, data, raw_data, metadata, start, stop, description, owner, access, uploaded_by, upload_key)
  VALUES (v_id, v_test, coalesce(p_data::jsonb, p_raw::jsonb), p_raw, p_metadata, p_start, p_stop, p_description,
          v_owner, p_access, p_uploaded_by, p_upload_key);
  RETURN QUERY SELECT 'created'::text, v_id, v_owner;
END $$;
REVOKE ALL ON FUNCTION granary_upload_run(text, text, text, text, text, text[], text, text, jsonb, timestamptz, timestamptz, text, access, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION granary_upload_run(text, text, text, text, text, text[], text, text, jsonb, timestamptz, timestamptz, text, access, uuid) TO granary_app;
