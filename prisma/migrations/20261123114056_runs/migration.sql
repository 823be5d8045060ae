-- CreateTable
CREATE TABLE "run" (
    "id" SERIAL NOT NULL,
    "test_id" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "raw_data" TEXT NOT NULL,
    "metadata" JSONB,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "stop" TIMESTAMPTZ(3) NOT NULL,
    "description" TEXT,
    "owner" TEXT NOT NULL,
    "access" "access" NOT NULL DEFAULT 'PRIVATE',
    "trashed" BOOLEAN NOT NULL DEFAULT false,
    "uploaded_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "run_test_id_start_idx" ON "run"("test_id", "start");

-- CreateIndex
CREATE INDEX "run_owner_idx" ON "run"("owner");

-- AddForeignKey
ALTER TABLE "run" ADD CONSTRAINT "run_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run" ADD CONSTRAINT "run_owner_fkey" FOREIGN KEY ("owner") REFERENCES "team"("name") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: row-level security for runs (docs/security.md). Reading follows the run's own
-- access level and owner; changing it needs a tester of the owner team.
ALTER TABLE "run" ADD CONSTRAINT "run_metadata_is_array" CHECK ("metadata" IS NULL OR jsonb_typeof("metadata") = 'array');
ALTER TABLE "run" ADD CONSTRAINT "run_stop_not_before_start" CHECK ("stop" >= "start");
ALTER TABLE "run" ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_select ON "run" FOR SELECT USING (granary_can_view(access, owner));
CREATE POLICY run_insert ON "run" FOR INSERT
  WITH CHECK (granary_has_role(granary_team_role(owner, 'uploader')) OR granary_can_write(owner));
CREATE POLICY run_update ON "run" FOR UPDATE USING (granary_can_write(owner)) WITH CHECK (granary_can_write(owner));
CREATE POLICY run_delete ON "run" FOR DELETE USING (granary_can_write(owner));

-- Uploading is write-only: an uploader may add runs to a test it may not read (a private test of
-- its team). This function finds the upload target by name or id for a caller who holds the
-- uploader (or tester) role of the test's owner team, or is an administrator; for anyone else
-- it finds nothing, whether the test exists or not.
CREATE FUNCTION granary_upload_target(p_test text)
RETURNS TABLE (test_id integer, owner text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.owner FROM test t
  WHERE (t.name = p_test OR (p_test ~ '^[0-9]{1,9}$' AND t.id = p_test::integer))
    AND (granary_has_role(granary_team_role(t.owner, 'uploader')) OR granary_can_write(t.owner))
  ORDER BY (t.name = p_test) DESC
  LIMIT 1
$$;
REVOKE ALL ON FUNCTION granary_upload_target(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION granary_upload_target(text) TO granary_app;
