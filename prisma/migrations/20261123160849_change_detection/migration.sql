-- CreateTable
CREATE TABLE "variable" (
    "id" SERIAL NOT NULL,
    "test_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT,
    "order" INTEGER NOT NULL DEFAULT 0,
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "calculation" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "variable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_detection" (
    "id" SERIAL NOT NULL,
    "variable_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "config" JSONB NOT NULL,

    CONSTRAINT "change_detection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datapoint" (
    "id" BIGSERIAL NOT NULL,
    "variable_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "fingerprint" JSONB,
    "fingerprint_hash" TEXT NOT NULL,

    CONSTRAINT "datapoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change" (
    "id" SERIAL NOT NULL,
    "variable_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "dataset_id" INTEGER,
    "fingerprint" JSONB,
    "fingerprint_hash" TEXT NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,
    "model" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "old_mean" DOUBLE PRECISION,
    "new_mean" DOUBLE PRECISION,
    "relative_difference" DOUBLE PRECISION,
    "p_value" DOUBLE PRECISION,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "ignored" BOOLEAN NOT NULL DEFAULT false,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outlier" (
    "variable_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "run_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "flagged_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outlier_pkey" PRIMARY KEY ("variable_id","run_id","ordinal")
);

-- CreateTable
CREATE TABLE "series_state" (
    "variable_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "fingerprint_hash" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "last_time" TIMESTAMPTZ(3) NOT NULL,
    "last_dataset_id" INTEGER NOT NULL,

    CONSTRAINT "series_state_pkey" PRIMARY KEY ("variable_id","fingerprint_hash")
);

-- CreateTable
CREATE TABLE "detection_pending" (
    "dataset_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "notify" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "detection_pending_pkey" PRIMARY KEY ("dataset_id")
);

-- CreateTable
CREATE TABLE "missing_data_rule" (
    "id" SERIAL NOT NULL,
    "test_id" INTEGER NOT NULL,
    "name" TEXT,
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "condition" TEXT,
    "max_staleness" BIGINT NOT NULL,
    "last_notification" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "missing_data_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "missing_data_rule_result" (
    "rule_id" INTEGER NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "test_id" INTEGER NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "missing_data_rule_result_pkey" PRIMARY KEY ("rule_id","dataset_id")
);

-- CreateTable
CREATE TABLE "run_expectation" (
    "id" SERIAL NOT NULL,
    "test_id" INTEGER NOT NULL,
    "expected_before" TIMESTAMPTZ(3) NOT NULL,
    "expected_by" TEXT,
    "backlink" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_expectation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "test_id" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "notify" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notified_at" TIMESTAMPTZ(3),

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "watch" (
    "id" SERIAL NOT NULL,
    "test_id" INTEGER NOT NULL,
    "users" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "teams" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "optout" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "watch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_setting" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "is_team" BOOLEAN NOT NULL DEFAULT false,
    "method" TEXT NOT NULL DEFAULT 'email',
    "data" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "notification_setting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "variable_test_id_name_key" ON "variable"("test_id", "name");

-- CreateIndex
CREATE INDEX "change_detection_variable_id_idx" ON "change_detection"("variable_id");

-- CreateIndex
CREATE INDEX "datapoint_variable_id_fingerprint_hash_time_dataset_id_idx" ON "datapoint"("variable_id", "fingerprint_hash", "time", "dataset_id");

-- CreateIndex
CREATE INDEX "datapoint_dataset_id_idx" ON "datapoint"("dataset_id");

-- CreateIndex
CREATE UNIQUE INDEX "datapoint_variable_id_dataset_id_key" ON "datapoint"("variable_id", "dataset_id");

-- CreateIndex
CREATE INDEX "change_test_id_created_at_idx" ON "change"("test_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "change_variable_id_fingerprint_hash_run_id_ordinal_key" ON "change"("variable_id", "fingerprint_hash", "run_id", "ordinal");

-- CreateIndex
CREATE INDEX "detection_pending_test_id_idx" ON "detection_pending"("test_id");

-- CreateIndex
CREATE INDEX "missing_data_rule_test_id_idx" ON "missing_data_rule"("test_id");

-- CreateIndex
CREATE INDEX "missing_data_rule_result_rule_id_time_idx" ON "missing_data_rule_result"("rule_id", "time");

-- CreateIndex
CREATE INDEX "run_expectation_test_id_idx" ON "run_expectation"("test_id");

-- CreateIndex
CREATE INDEX "run_expectation_expected_before_idx" ON "run_expectation"("expected_before");

-- CreateIndex
CREATE INDEX "event_test_id_created_at_idx" ON "event"("test_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "watch_test_id_key" ON "watch"("test_id");

-- CreateIndex
CREATE INDEX "notification_setting_name_idx" ON "notification_setting"("name");

-- AddForeignKey
ALTER TABLE "variable" ADD CONSTRAINT "variable_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_detection" ADD CONSTRAINT "change_detection_variable_id_fkey" FOREIGN KEY ("variable_id") REFERENCES "variable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datapoint" ADD CONSTRAINT "datapoint_variable_id_fkey" FOREIGN KEY ("variable_id") REFERENCES "variable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datapoint" ADD CONSTRAINT "datapoint_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change" ADD CONSTRAINT "change_variable_id_fkey" FOREIGN KEY ("variable_id") REFERENCES "variable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change" ADD CONSTRAINT "change_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outlier" ADD CONSTRAINT "outlier_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "missing_data_rule" ADD CONSTRAINT "missing_data_rule_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "missing_data_rule_result" ADD CONSTRAINT "missing_data_rule_result_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "missing_data_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "missing_data_rule_result" ADD CONSTRAINT "missing_data_rule_result_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_expectation" ADD CONSTRAINT "run_expectation_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event" ADD CONSTRAINT "event_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "watch" ADD CONSTRAINT "watch_test_id_fkey" FOREIGN KEY ("test_id") REFERENCES "test"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ===========================================================================================
-- Hand-written: constraints and row-level security for change detection and notifications
-- (docs/concepts.md#change-detection, docs/security.md).
-- ===========================================================================================

ALTER TABLE "change_detection" ADD CONSTRAINT "change_detection_model" CHECK ("model" IN ('relativeDifference', 'fixedThreshold', 'eDivisive'));
ALTER TABLE "change_detection" ADD CONSTRAINT "change_detection_config_object" CHECK (jsonb_typeof("config") = 'object');
ALTER TABLE "change" ADD CONSTRAINT "change_model" CHECK ("model" IN ('relativeDifference', 'fixedThreshold', 'eDivisive', 'manual'));
ALTER TABLE "change" ADD CONSTRAINT "change_decision" CHECK (NOT ("confirmed" AND "ignored"));
ALTER TABLE "missing_data_rule" ADD CONSTRAINT "missing_data_rule_staleness" CHECK ("max_staleness" > 0);
ALTER TABLE "event" ADD CONSTRAINT "event_kind" CHECK ("kind" ~ '^[a-z-]+/[a-z-]+$');
ALTER TABLE "notification_setting" ADD CONSTRAINT "notification_setting_method" CHECK ("method" IN ('email'));
ALTER TABLE "recalculation" DROP CONSTRAINT "recalculation_kind";
ALTER TABLE "recalculation" ADD CONSTRAINT "recalculation_kind" CHECK ("kind" IN ('labels', 'runs', 'fingerprints', 'changes'));

-- The series key of a fingerprint (with the variable): one definition for the pipeline, which
-- stores it, and the API, which looks series up by a fingerprint a client sends.
CREATE FUNCTION granary_fingerprint_hash(fingerprint jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT md5(coalesce(fingerprint, '{}'::jsonb)::text) $$;

-- The notifier's work list, and the global "recent changes" list.
CREATE INDEX "event_unnotified_idx" ON "event" ("id") WHERE "notified_at" IS NULL;
CREATE INDEX "change_recent_idx" ON "change" ("created_at" DESC, "id" DESC);

-- Rows of a test's change detection are visible with the test and written by its testers or the
-- system (the pipeline acts as an administrator, which is tested first, as for label values).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['variable', 'change_detection', 'datapoint', 'change', 'outlier', 'series_state',
                           'detection_pending', 'missing_data_rule', 'missing_data_rule_result', 'event']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (granary_has_role(''admin'') OR EXISTS (SELECT 1 FROM test x WHERE x.id = test_id))', t || '_select', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL USING (granary_has_role(''admin'') OR EXISTS (SELECT 1 FROM test x WHERE x.id = test_id AND granary_can_write(x.owner))) '
                   'WITH CHECK (granary_has_role(''admin'') OR EXISTS (SELECT 1 FROM test x WHERE x.id = test_id AND granary_can_write(x.owner)))', t || '_write', t);
  END LOOP;
END $$;

-- Run expectations: announced by the test's uploaders (who may not read a private test, hence the
-- definer lookup granary_upload_target), and consumed by any upload to the test.
ALTER TABLE "run_expectation" ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_expectation_select ON "run_expectation" FOR SELECT
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM test x WHERE x.id = test_id));
CREATE POLICY run_expectation_write ON "run_expectation" FOR ALL
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM granary_upload_target(test_id::text) u WHERE u.test_id = run_expectation.test_id))
  WITH CHECK (granary_has_role('admin') OR EXISTS (SELECT 1 FROM granary_upload_target(test_id::text) u WHERE u.test_id = run_expectation.test_id));

-- Subscriptions: visible to whoever sees the test; any viewer of the test may change its watch
-- (the API only lets callers add or remove themselves and their own teams).
ALTER TABLE "watch" ENABLE ROW LEVEL SECURITY;
CREATE POLICY watch_select ON "watch" FOR SELECT
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM test x WHERE x.id = test_id));
CREATE POLICY watch_write ON "watch" FOR ALL
  USING (granary_has_role('admin') OR EXISTS (SELECT 1 FROM test x WHERE x.id = test_id))
  WITH CHECK (granary_has_role('admin') OR EXISTS (SELECT 1 FROM test x WHERE x.id = test_id));

-- Notification settings: your own, your managed teams', or any for an administrator.
ALTER TABLE "notification_setting" ENABLE ROW LEVEL SECURITY;
CREATE POLICY notification_setting_all ON "notification_setting" FOR ALL
  USING (granary_has_role('admin')
         OR (is_team AND granary_can_manage(name))
         OR (NOT is_team AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = granary_user_id() AND u.username = name)))
  WITH CHECK (granary_has_role('admin')
         OR (is_team AND granary_can_manage(name))
         OR (NOT is_team AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = granary_user_id() AND u.username = name)));

-- A series' saved detector state sums every datapoint since its last change: when datapoints go
-- (a run trashed or transformed again, labels recomputed), the state of their series is dropped,
-- and the next detection on that series re-analyses it whole instead of continuing from stale sums.
CREATE FUNCTION granary_forget_series_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM series_state s
  USING (SELECT DISTINCT variable_id, fingerprint_hash FROM gone) g
  WHERE s.variable_id = g.variable_id AND s.fingerprint_hash = g.fingerprint_hash;
  RETURN NULL;
END $$;
CREATE TRIGGER datapoint_forget_series_state AFTER DELETE ON "datapoint"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION granary_forget_series_state();

-- The upload target by name or id: the numeric test is a CASE, not an AND, because PostgreSQL may
-- evaluate `p_test::integer` before the regular expression under a generic plan (22P02 for a name).
CREATE OR REPLACE FUNCTION granary_upload_target(p_test text)
RETURNS TABLE (test_id integer, owner text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.owner FROM test t
  WHERE (t.name = p_test OR t.id = CASE WHEN p_test ~ '^[0-9]{1,9}$' THEN p_test::integer END)
    AND (granary_has_role(granary_team_role(t.owner, 'uploader')) OR granary_can_write(t.owner))
  ORDER BY (t.name = p_test) DESC
  LIMIT 1
$$;

-- A new run meets its test's oldest run expectation, whoever uploads it (an uploader may not read
-- a private test's expectations, so this runs as the definer).
CREATE FUNCTION granary_meet_run_expectation() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM run_expectation WHERE id = (
    SELECT id FROM run_expectation WHERE test_id = NEW.test_id ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED);
  RETURN NULL;
END $$;
CREATE TRIGGER run_meets_expectation AFTER INSERT ON "run"
  FOR EACH ROW EXECUTE FUNCTION granary_meet_run_expectation();
