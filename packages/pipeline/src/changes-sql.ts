/**
 * Change detection's SQL (docs/concepts.md#change-detection): datapoints from label values, series
 * (variable × fingerprint) in timeline order, stored changes, detector state, events.
 */


/** Datasets queued for detection: those of tests with variables or missing data rules. */
export const QUEUE_DETECTION = `
  INSERT INTO detection_pending (dataset_id, test_id, notify)
  SELECT d.id, d.test_id, $2 FROM dataset d
  WHERE d.id = ANY($1::int[])
    AND (EXISTS (SELECT 1 FROM variable v WHERE v.test_id = d.test_id)
         OR EXISTS (SELECT 1 FROM missing_data_rule m WHERE m.test_id = d.test_id))
  ON CONFLICT (dataset_id) DO UPDATE SET notify = detection_pending.notify AND EXCLUDED.notify`;

/** Tests with queued datasets, oldest first: a worker takes the first whose lock it gets. */
export const TESTS_WITH_PENDING_DETECTION = `
  SELECT p.test_id, EXISTS (SELECT 1 FROM missing_data_rule m WHERE m.test_id = p.test_id) AS has_rules
  FROM detection_pending p GROUP BY p.test_id ORDER BY min(p.created_at) LIMIT 20`;

export const TEST_HAS_RULES = `SELECT EXISTS (SELECT 1 FROM missing_data_rule WHERE test_id = $1) AS has_rules`;

/** Serialises detection per test (series state is read, then written). Key: ('granary-detect', test). */
export const TRY_LOCK_TEST = `SELECT pg_try_advisory_xact_lock(hashtext('granary-detect'), $1) AS locked`;
export const LOCK_TEST = `SELECT pg_advisory_xact_lock(hashtext('granary-detect'), $1)`;

export const CLAIM_PENDING_DETECTION = `
  DELETE FROM detection_pending WHERE dataset_id IN (
    SELECT dataset_id FROM detection_pending WHERE test_id = $1 ORDER BY dataset_id LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING dataset_id, notify`;

export const DROP_PENDING_DETECTION = `DELETE FROM detection_pending WHERE dataset_id = $1`;

/** Variables of tests with their conditions (Horreum's stored config, resolved in Node). */
export const VARIABLES_OF_TESTS = `
  SELECT v.id, v.test_id, v.name, v.labels, v.calculation,
         coalesce(json_agg(json_build_object('model', c.model, 'config', c.config) ORDER BY c.id)
                  FILTER (WHERE c.id IS NOT NULL), '[]') AS conditions
  FROM variable v LEFT JOIN change_detection c ON c.variable_id = v.id
  WHERE v.test_id = ANY($1::int[])
  GROUP BY v.id ORDER BY v.id`;

/**
 * What a dataset's datapoints need: its place in a series, its start, the test's timeline and
 * fingerprint filter, and the values of the labels the test's variables and timeline use, by name.
 */
export const DATASETS_FOR_DATAPOINTS = `
  SELECT d.id AS dataset_id, d.test_id, d.run_id, d.ordinal, coalesce(d.fingerprint, '{}'::jsonb) AS fingerprint,
         granary_fingerprint_hash(d.fingerprint) AS hash,
         (extract(epoch FROM d.start) * 1000)::float8 AS start_ms,
         t.name AS test_name, t.fingerprint_filter, t.timeline_labels, t.timeline_function, t.notifications_enabled,
         (SELECT jsonb_object_agg(l.name, lv.value)
            FROM label_value lv JOIN label l ON l.id = lv.label_id
           WHERE lv.dataset_id = d.id AND lv.error IS NULL
             AND (l.name = ANY(t.timeline_labels)
                  OR l.name IN (SELECT unnest(v.labels) FROM variable v WHERE v.test_id = d.test_id))) AS label_values
  FROM dataset d JOIN test t ON t.id = d.test_id
  WHERE d.id = ANY($1::int[])
  ORDER BY d.id`;

export const DELETE_DATAPOINTS_OF_DATASETS = `DELETE FROM datapoint WHERE dataset_id = ANY($1::int[])`;

export const INSERT_DATAPOINTS = `
  INSERT INTO datapoint (variable_id, test_id, dataset_id, run_id, ordinal, time, value, fingerprint, fingerprint_hash)
  SELECT p.variable_id, p.test_id, p.dataset_id, p.run_id, p.ordinal, to_timestamp(p.time / 1000.0), p.value, p.fingerprint, p.hash
  FROM jsonb_to_recordset($1::jsonb) AS p(variable_id int, test_id int, dataset_id int, run_id int, ordinal int,
                                          time float8, value float8, fingerprint jsonb, hash text)`;

export const SERIES_STATE = `
  SELECT state, (extract(epoch FROM last_time) * 1000)::float8 AS last_time, last_dataset_id
  FROM series_state WHERE variable_id = $1 AND fingerprint_hash = $2`;

export const SAVE_SERIES_STATE = `
  INSERT INTO series_state (variable_id, test_id, fingerprint_hash, state, last_time, last_dataset_id)
  VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6)
  ON CONFLICT (variable_id, fingerprint_hash)
  DO UPDATE SET state = EXCLUDED.state, last_time = EXCLUDED.last_time, last_dataset_id = EXCLUDED.last_dataset_id`;

/** A whole series in timeline order (ties by dataset id). */
export const SERIES_POINTS = `
  SELECT dataset_id AS id, run_id, ordinal, (extract(epoch FROM time) * 1000)::float8 AS time, value
  FROM datapoint WHERE variable_id = $1 AND fingerprint_hash = $2
  ORDER BY datapoint.time, datapoint.dataset_id`;

/** Points of a variable by dataset (changes placed on points of an earlier batch). */
export const SERIES_POINTS_BY_DATASET = `
  SELECT dataset_id AS id, run_id, ordinal, (extract(epoch FROM time) * 1000)::float8 AS time, value
  FROM datapoint WHERE variable_id = $1 AND dataset_id = ANY($2::int[])`;

/**
 * The newest points of a series from a time on, newest first (eDivisive's bounded tail). The order
 * names the table's columns: the output column \`time\` (epoch ms) would make PostgreSQL sort every
 * point of the segment instead of reading the newest from the index.
 */
export const SERIES_TAIL = `
  SELECT dataset_id AS id, run_id, ordinal, (extract(epoch FROM time) * 1000)::float8 AS time, value
  FROM datapoint WHERE variable_id = $1 AND fingerprint_hash = $2 AND time >= to_timestamp($3 / 1000.0)
  ORDER BY datapoint.time DESC, datapoint.dataset_id DESC LIMIT $4`;

export const SERIES_CHANGES = `
  SELECT id, run_id, ordinal, model, confirmed, ignored, (extract(epoch FROM time) * 1000)::float8 AS time
  FROM change WHERE variable_id = $1 AND fingerprint_hash = $2`;

export const OUTLIERS_OF_VARIABLE = `SELECT run_id, ordinal FROM outlier WHERE variable_id = $1`;

/** Stores new changes; one per point of a series (the unique key), so doing it twice adds nothing. */
export const INSERT_CHANGES = `
  INSERT INTO change (variable_id, test_id, run_id, ordinal, dataset_id, fingerprint, fingerprint_hash, time, model,
                      description, old_mean, new_mean, relative_difference, p_value)
  SELECT c.variable_id, c.test_id, c.run_id, c.ordinal, c.dataset_id, c.fingerprint, c.hash, to_timestamp(c.time / 1000.0),
         c.model, c.description, c.old_mean, c.new_mean, c.relative_difference, c.p_value
  FROM jsonb_to_recordset($1::jsonb) AS c(variable_id int, test_id int, run_id int, ordinal int, dataset_id int,
       fingerprint jsonb, hash text, time float8, model text, description text, old_mean float8, new_mean float8,
       relative_difference float8, p_value float8)
  ON CONFLICT (variable_id, fingerprint_hash, run_id, ordinal) DO NOTHING
  RETURNING id, variable_id, run_id, ordinal, dataset_id, fingerprint, (extract(epoch FROM time) * 1000)::float8 AS time, model, description`;

/** Keeps stored changes pointing at the dataset that carries their point now. */
export const REPOINT_CHANGES = `
  UPDATE change c SET dataset_id = d.id
  FROM dataset d WHERE c.variable_id = $1 AND c.fingerprint_hash = $2
    AND d.run_id = c.run_id AND d.ordinal = c.ordinal AND c.dataset_id IS DISTINCT FROM d.id`;

/** Unconfirmed, undecided detected changes the analysis no longer finds. */
export const DELETE_OBSOLETE_CHANGES = `
  DELETE FROM change WHERE id = ANY($1::int[]) AND NOT confirmed AND NOT ignored AND model <> 'manual'`;

export const INSERT_EVENTS = `
  INSERT INTO event (kind, test_id, payload, notify)
  SELECT e.kind, e.test_id, e.payload, e.notify
  FROM jsonb_to_recordset($1::jsonb) AS e(kind text, test_id int, payload jsonb, notify boolean)`;

/** Series of a test with their fingerprint (for a full re-analysis at the end of a recalculation). */
export const SERIES_OF_TEST = `
  SELECT DISTINCT ON (variable_id, fingerprint_hash) variable_id, fingerprint_hash AS hash,
         coalesce(fingerprint, '{}'::jsonb) AS fingerprint
  FROM datapoint WHERE test_id = $1 ORDER BY variable_id, fingerprint_hash`;

export const TEST_NAME = `SELECT name FROM test WHERE id = $1`;

/** A 'changes' recalculation of a test to work on. */
export const CLAIM_CHANGES_RECALCULATION = `
  SELECT c.id, c.test_id, c.cursor, c.state FROM recalculation c
  WHERE c.test_id IS NOT NULL AND c.kind = 'changes' AND c.state IN ('queued', 'running')
    -- after the test's label and fingerprint recalculations and its pending runs: they change the inputs
    AND NOT EXISTS (SELECT 1 FROM recalculation o WHERE o.test_id = c.test_id AND o.kind <> 'changes' AND o.state IN ('queued', 'running'))
    AND NOT EXISTS (SELECT 1 FROM run r WHERE r.test_id = c.test_id AND r.pending)
  ORDER BY c.id LIMIT 1 FOR UPDATE SKIP LOCKED`;

/**
 * The start of a 'changes' recalculation: datapoints, detector states and undecided detected
 * changes of the test go; confirmed, ignored and manual changes and outlier flags stay.
 */
export const RESET_TEST_DETECTION = `
  WITH dp AS (DELETE FROM datapoint WHERE test_id = $1),
       st AS (DELETE FROM series_state WHERE test_id = $1),
       pe AS (DELETE FROM detection_pending WHERE test_id = $1),
       ch AS (DELETE FROM change WHERE test_id = $1 AND NOT confirmed AND NOT ignored AND model <> 'manual')
  UPDATE recalculation SET state = 'running', total = (SELECT count(*) FROM dataset WHERE test_id = $1)::int
  WHERE id = $2`;
