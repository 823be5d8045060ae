-- AlterTable
ALTER TABLE "run" ADD COLUMN     "pending" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "processing_error" TEXT,
ADD COLUMN     "upload_key" TEXT;

-- AlterTable
ALTER TABLE "test" ADD COLUMN     "compare_url" TEXT,
ADD COLUMN     "fingerprint_filter" TEXT,
ADD COLUMN     "fingerprint_labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "notifications_enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "timeline_function" TEXT,
ADD COLUMN     "timeline_labels" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "schema" (
    "id" SERIAL NOT NULL,
    "uri" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "schema" JSONB,
    "owner" TEXT NOT NULL,
    "access" "access" NOT NULL DEFAULT 'PUBLIC',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "schema_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "label" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "schema_id" INTEGER NOT NULL,
    "extractors" JSONB NOT NULL DEFAULT '[]',
    "function" TEXT,
    "filtering" BOOLEAN NOT NULL DEFAULT true,
    "metrics" BOOLEAN NOT NULL DEFAULT true,
    "owner" TEXT NOT NULL,
    "access" "access" NOT NULL DEFAULT 'PUBLIC',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transformer" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "schema_id" INTEGER NOT NULL,
    "target_schema_uri" TEXT,
    "extractors" JSONB NOT NULL DEFAULT '[]',
    "function" TEXT,
    "owner" TEXT NOT NULL,
    "access" "access" NOT NULL DEFAULT 'PUBLIC',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transformer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "test_transformer" (
    "test_id" INTEGER NOT NULL,
    "transformer_id" INTEGER NOT NULL,

    CONSTRAINT "test_transformer_pkey" PRIMARY KEY ("test_id","transformer_id")
);

-- CreateTable
CREATE TABLE "run_schema" (
    "run_id" INTEGER NOT NULL,
    "schema_id" INTEGER NOT NULL,
    "uri" TEXT NOT NULL,
    "type" SMALLINT NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "source" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "run_schema_pkey" PRIMARY KEY ("run_id","source","type","key")
);

-- CreateTable
CREATE TABLE "run_validation_error" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "schema_id" INTEGER NOT NULL,
    "error" JSONB NOT NULL,

    CONSTRAINT "run_validation_error_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset" (
    "id" SERIAL NOT NULL,
    "run_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "stop" TIMESTAMPTZ(3) NOT NULL,
    "description" TEXT,
    "owner" TEXT NOT NULL,
    "access" "access" NOT NULL DEFAULT 'PRIVATE',
    "fingerprint" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_schema" (
    "dataset_id" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "schema_id" INTEGER NOT NULL,
    "uri" TEXT NOT NULL,

    CONSTRAINT "dataset_schema_pkey" PRIMARY KEY ("dataset_id","index")
);

-- CreateTable
CREATE TABLE "dataset_validation_error" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "schema_id" INTEGER,
    "error" JSONB NOT NULL,

    CONSTRAINT "dataset_validation_error_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "label_value" (
    "dataset_id" INTEGER NOT NULL,
    "label_id" INTEGER NOT NULL,
    "value" JSONB,
    "error" TEXT,

    CONSTRAINT "label_value_pkey" PRIMARY KEY ("dataset_id","label_id")
);

-- CreateTable
CREATE TABLE "recalculation" (
    "id" SERIAL NOT NULL,
    "test_id" INTEGER,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "label_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "schema_id" INTEGER,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "cursor" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "recalculation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "schema_uri_key" ON "schema"("uri");

-- CreateIndex
CREATE UNIQUE INDEX "schema_name_key" ON "schema"("name");

-- CreateIndex
CREATE INDEX "schema_owner_idx" ON "schema"("owner");

-- CreateIndex
CREATE INDEX "label_name_idx" ON "label"("name");

-- CreateIndex
CREATE UNIQUE INDEX "label_schema_id_name_key" ON "label"("schema_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "transformer_schema_id_name_key" ON "transformer"("schema_id", "name");

-- CreateIndex
CREATE INDEX "test_transformer_transformer_id_idx" ON "test_transformer"("transformer_id");

-- CreateIndex
CREATE INDEX "run_schema_schema_id_idx" ON "run_schema"("schema_id");

-- CreateIndex
CREATE INDEX "run_validation_error_run_id_idx" ON "run_validation_error"("run_id");

-- CreateIndex
CREATE INDEX "dataset_test_id_start_idx" ON "dataset"("test_id", "start");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_run_id_ordinal_key" ON "dataset"("run_id", "ordinal");

-- CreateIndex
CREATE INDEX "dataset_schema_schema_id_dataset_id_idx" ON "dataset_schema"("schema_id", "dataset_id");

-- CreateIndex
CREATE INDEX "dataset_validation_error_dataset_id_idx" ON "dataset_validation_error"("dataset_id");

-- CreateIndex
CREATE INDEX "label_value_label_id_idx" ON "label_value"("label_id");

-- CreateIndex
CREATE INDEX "recalculation_test_id_created_at_idx" ON "recalculation"("test_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "run_test_id_upload_key_key" ON "run"("test_id", "upload_key");

-- AddForeignKey
ALTER TABLE "schema" ADD CONSTRAINT "schema_owner_fkey" FOREIGN KEY ("owner") REFERENCES "team"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "label" ADD CONSTRAINT "label_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "schema"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "label" ADD CONSTRAINT "label_owner_fkey" FOREIGN KEY ("owner") REFERENCES "team"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transformer" ADD CONSTRAINT "transformer_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "schema"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transformer" ADD CONSTRAINT "transformer_owner_fkey" FOREIGN KEY ("owner") REFERENCES "team"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_transformer" ADD CONSTRAINT "test_transformer_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_transformer" ADD CONSTRAINT "test_transformer_transformer_id_fkey" FOREIGN KEY ("transformer_id") REFERENCES "transformer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_schema" ADD CONSTRAINT "run_schema_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_validation_error" ADD CONSTRAINT "run_validation_error_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_schema" ADD CONSTRAINT "dataset_schema_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_validation_error" ADD CONSTRAINT "dataset_validation_error_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "label_value" ADD CONSTRAINT "label_value_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "label_value" ADD CONSTRAINT "label_value_label_id_fkey" FOREIGN KEY ("label_id") REFERENCES "label"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recalculation" ADD CONSTRAINT "recalculation_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ===========================================================================================
-- Hand-written: constraints, indexes and row-level security for the results pipeline
-- (docs/security.md, docs/concepts.md).
-- ===========================================================================================

ALTER TABLE "schema" ADD CONSTRAINT "schema_uri_scheme" CHECK ("uri" ~ '^(urn|uri|http|https|ftp|file|jar):');
ALTER TABLE "label" ADD CONSTRAINT "label_extractors_array" CHECK (jsonb_typeof("extractors") = 'array');
ALTER TABLE "transformer" ADD CONSTRAINT "transformer_extractors_array" CHECK (jsonb_typeof("extractors") = 'array');
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_data_array" CHECK (jsonb_typeof("data") = 'array');
ALTER TABLE "recalculation" ADD CONSTRAINT "recalculation_kind" CHECK ("kind" IN ('labels', 'runs', 'fingerprints'));
ALTER TABLE "recalculation" ADD CONSTRAINT "recalculation_state" CHECK ("state" IN ('queued', 'running', 'done', 'failed'));

-- Documents as jsonb are kept uncompressed: compressing ~20 KB of jsonb with pglz was the largest
-- CPU cost of an upload and of making its dataset (docs/performance.md), and reading them back
-- gets cheaper too. The raw text (raw_data) stays compressed: it compresses well and is rarely read.
ALTER TABLE "run" ALTER COLUMN "data" SET STORAGE EXTERNAL;
ALTER TABLE "dataset" ALTER COLUMN "data" SET STORAGE EXTERNAL;

-- The pipeline's work list: runs not yet turned into datasets.
CREATE INDEX "run_pending_idx" ON "run" ("id") WHERE "pending";
-- Series lookups by fingerprint (change detection, label value filters).
CREATE INDEX "dataset_fingerprint_idx" ON "dataset" ("test_id", md5("fingerprint"::text));

-- Schemas, labels and transformers follow their own access level; uploaders may also read
-- their team's schemas (they need them to upload); writing needs a tester of the owner team.
ALTER TABLE "schema" ENABLE ROW LEVEL SECURITY;
CREATE POLICY schema_select ON "schema" FOR SELECT
  USING (granary_can_view(access, owner) OR granary_has_role(granary_team_role(owner, 'uploader')));
CREATE POLICY schema_insert ON "schema" FOR INSERT WITH CHECK (granary_can_write(owner));
CREATE POLICY schema_update ON "schema" FOR UPDATE USING (granary_can_write(owner)) WITH CHECK (granary_can_write(owner));
CREATE POLICY schema_delete ON "schema" FOR DELETE USING (granary_can_write(owner));

ALTER TABLE "label" ENABLE ROW LEVEL SECURITY;
CREATE POLICY label_select ON "label" FOR SELECT USING (granary_can_view(access, owner));
CREATE POLICY label_insert ON "label" FOR INSERT WITH CHECK (granary_can_write(owner));
CREATE POLICY label_update ON "label" FOR UPDATE USING (granary_can_write(owner)) WITH CHECK (granary_can_write(owner));
CREATE POLICY label_delete ON "label" FOR DELETE USING (granary_can_write(owner));

ALTER TABLE "transformer" ENABLE ROW LEVEL SECURITY;
CREATE POLICY transformer_select ON "transformer" FOR SELECT USING (granary_can_view(access, owner));
CREATE POLICY transformer_insert ON "transformer" FOR INSERT WITH CHECK (granary_can_write(owner));
CREATE POLICY transformer_update ON "transformer" FOR UPDATE USING (granary_can_write(owner)) WITH CHECK (granary_can_write(owner));
CREATE POLICY transformer_delete ON "transformer" FOR DELETE USING (granary_can_write(owner));

-- Which transformers a test uses: visible with the test, chosen by the test's testers.
ALTER TABLE "test_transformer" ENABLE ROW LEVEL SECURITY;
CREATE POLICY test_transformer_select ON "test_transformer" FOR SELECT
  USING (EXISTS (SELECT 1 FROM test t WHERE t.id = test_id));
CREATE POLICY test_transformer_write ON "test_transformer" FOR ALL
  USING (EXISTS (SELECT 1 FROM test t WHERE t.id = test_id AND granary_can_write(t.owner)))
  WITH CHECK (EXISTS (SELECT 1 FROM test t WHERE t.id = test_id AND granary_can_write(t.owner)));

-- Rows derived from a run or a dataset are visible with it and written by the pipeline (which
-- acts as the system) or a tester of the owner team. The subqueries are themselves subject to
-- the run's and the dataset's policies. The administrator test comes first: the pipeline acts with
-- administrator rights, and without the shortcut PostgreSQL looks the parent row up (through its
-- own policy) for every derived row it writes, which doubled the cost of computing label values.
ALTER TABLE "run_schema" ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_schema_select ON "run_schema" FOR SELECT USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM run r WHERE r.id = run_id));
CREATE POLICY run_schema_write ON "run_schema" FOR ALL
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM run r WHERE r.id = run_id AND granary_can_write(r.owner)))
  WITH CHECK (granary_has_role('admin') OR EXISTS (SELECT 1 FROM run r WHERE r.id = run_id AND granary_can_write(r.owner)));

ALTER TABLE "run_validation_error" ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_validation_error_select ON "run_validation_error" FOR SELECT
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM run r WHERE r.id = run_id));
CREATE POLICY run_validation_error_write ON "run_validation_error" FOR ALL
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM run r WHERE r.id = run_id AND granary_can_write(r.owner)))
  WITH CHECK (granary_has_role('admin') OR EXISTS (SELECT 1 FROM run r WHERE r.id = run_id AND granary_can_write(r.owner)));

ALTER TABLE "dataset" ENABLE ROW LEVEL SECURITY;
CREATE POLICY dataset_select ON "dataset" FOR SELECT USING (granary_can_view(access, owner));
CREATE POLICY dataset_insert ON "dataset" FOR INSERT WITH CHECK (granary_can_write(owner));
CREATE POLICY dataset_update ON "dataset" FOR UPDATE USING (granary_can_write(owner)) WITH CHECK (granary_can_write(owner));
CREATE POLICY dataset_delete ON "dataset" FOR DELETE USING (granary_can_write(owner));

ALTER TABLE "dataset_schema" ENABLE ROW LEVEL SECURITY;
CREATE POLICY dataset_schema_select ON "dataset_schema" FOR SELECT
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id));
CREATE POLICY dataset_schema_write ON "dataset_schema" FOR ALL
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id AND granary_can_write(d.owner)))
  WITH CHECK (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id AND granary_can_write(d.owner)));

ALTER TABLE "dataset_validation_error" ENABLE ROW LEVEL SECURITY;
CREATE POLICY dataset_validation_error_select ON "dataset_validation_error" FOR SELECT
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id));
CREATE POLICY dataset_validation_error_write ON "dataset_validation_error" FOR ALL
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id AND granary_can_write(d.owner)))
  WITH CHECK (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id AND granary_can_write(d.owner)));

ALTER TABLE "label_value" ENABLE ROW LEVEL SECURITY;
CREATE POLICY label_value_select ON "label_value" FOR SELECT
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id));
CREATE POLICY label_value_write ON "label_value" FOR ALL
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id AND granary_can_write(d.owner)))
  WITH CHECK (granary_has_role('admin') OR EXISTS (SELECT 1 FROM dataset d WHERE d.id = dataset_id AND granary_can_write(d.owner)));

-- Recalculations are visible with their test and started by its testers or the system. A
-- request without a test (a label or schema changed, which may affect other teams' tests that
-- use it) may be filed by whoever may edit that label or schema; the pipeline expands it into
-- one recalculation per affected test.
ALTER TABLE "recalculation" ENABLE ROW LEVEL SECURITY;
CREATE POLICY recalculation_select ON "recalculation" FOR SELECT
  USING ((test_id IS NULL AND granary_has_role('admin')) OR EXISTS (SELECT 1 FROM test t WHERE t.id = test_id));
CREATE POLICY recalculation_insert ON "recalculation" FOR INSERT WITH CHECK (
  granary_has_role('admin')
  OR EXISTS (SELECT 1 FROM test t WHERE t.id = test_id AND granary_can_write(t.owner))
  OR (test_id IS NULL AND kind = 'labels' AND cardinality(label_ids) > 0
      AND NOT EXISTS (SELECT 1 FROM unnest(label_ids) AS l(id)
                      WHERE NOT EXISTS (SELECT 1 FROM label x WHERE x.id = l.id AND granary_can_write(x.owner))))
  OR (test_id IS NULL AND kind = 'runs'
      AND EXISTS (SELECT 1 FROM schema s WHERE s.id = schema_id AND granary_can_write(s.owner))));
CREATE POLICY recalculation_update ON "recalculation" FOR UPDATE
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM test t WHERE t.id = test_id AND granary_can_write(t.owner)));
CREATE POLICY recalculation_delete ON "recalculation" FOR DELETE USING (granary_has_role('admin'));

-- Upload keys make a repeated upload a no-op. The uploader may not read the run it wrote, so
-- the earlier run's id comes from this lookup, for callers who may upload to the test.
CREATE FUNCTION granary_run_by_upload_key(p_test_id integer, p_key text)
RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.id FROM run r JOIN test t ON t.id = r.test_id
  WHERE r.test_id = p_test_id AND r.upload_key = p_key
    AND (granary_has_role(granary_team_role(t.owner, 'uploader')) OR granary_can_write(t.owner))
$$;
REVOKE ALL ON FUNCTION granary_run_by_upload_key(integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION granary_run_by_upload_key(integer, text) TO granary_app;

-- Who a signed-in user is, in one statement (every authenticated request asks): name, admin flag,
-- provider roles and team memberships; nothing for a disabled or unknown user. The API calls it
-- only after proving the identity (key, session, token or password).
CREATE FUNCTION granary_principal(p_user uuid)
RETURNS TABLE (user_id uuid, username text, is_admin boolean, external_roles text[], memberships jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.username, u.is_admin, u.external_roles,
         coalesce((SELECT jsonb_agg(jsonb_build_object('team', t.name, 'role', lower(m.role::text)))
                   FROM team_membership m JOIN team t ON t.id = m.team_id WHERE m.user_id = u.id), '[]'::jsonb)
  FROM app_user u WHERE u.id = p_user AND NOT u.disabled
$$;
REVOKE ALL ON FUNCTION granary_principal(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION granary_principal(uuid) TO granary_app;
