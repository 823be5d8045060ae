/**
 * SQL of missing data rules and run expectations (docs/concepts.md#notifications). Times leave
 * the database as ISO 8601 text in UTC with milliseconds, as JavaScript writes them.
 */

/** `ts` as JavaScript's toISOString() would write it. */
const iso = (ts: string) => `to_char(${ts} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Forgets what rules said about these datasets (all rules, or only rule $2).
 * Uses the primary key (rule_id, dataset_id) when $2 is given, else a scan of the results of
 * the datasets' rules.
 */
export const DELETE_RESULTS = `
  DELETE FROM missing_data_rule_result
  WHERE dataset_id = ANY($1::int[]) AND ($2::int IS NULL OR rule_id = $2)`;

/**
 * Rules without a condition match every dataset of their test: results in one statement.
 * One pass over the datasets $1, joined with their test's rules (missing_data_rule_test_id_idx).
 */
export const MATCH_UNCONDITIONED = `
  INSERT INTO missing_data_rule_result (rule_id, dataset_id, test_id, time)
  SELECT r.id, d.id, d.test_id, d.start
  FROM dataset d JOIN missing_data_rule r ON r.test_id = d.test_id
  WHERE d.id = ANY($1::int[]) AND ($2::int IS NULL OR r.id = $2)
    AND coalesce(btrim(r.condition), '') = ''
  ON CONFLICT DO NOTHING`;

/**
 * The input of each conditional rule for each dataset, as Horreum builds it: null when the rule
 * names no label, the label's value when it names one, `{name: value}` when it names several.
 * Label values are found by label name (any schema of the dataset); a missing one is null, or
 * absent from the object. Ordered by rule so that each rule's inputs go to the sandbox in one call.
 */
export const CONDITION_INPUTS = `
  SELECT r.id AS rule_id, r.condition, d.id AS dataset_id,
         CASE coalesce(cardinality(r.labels), 0)
           WHEN 0 THEN NULL
           WHEN 1 THEN (SELECT lv.value FROM label_value lv JOIN label l ON l.id = lv.label_id
                        WHERE lv.dataset_id = d.id AND l.name = r.labels[1] ORDER BY l.id LIMIT 1)
           ELSE (SELECT jsonb_object_agg(l.name, coalesce(lv.value, 'null'::jsonb)) FROM label_value lv JOIN label l ON l.id = lv.label_id
                 WHERE lv.dataset_id = d.id AND l.name = ANY(r.labels))
         END AS input
  FROM dataset d JOIN missing_data_rule r ON r.test_id = d.test_id
  WHERE d.id = ANY($1::int[]) AND ($2::int IS NULL OR r.id = $2)
    AND coalesce(btrim(r.condition), '') <> ''
  ORDER BY r.id, d.id`;

/** Stores the matches of conditional rules: (rule, dataset) pairs, time = the dataset's start. */
export const INSERT_MATCHES = `
  INSERT INTO missing_data_rule_result (rule_id, dataset_id, test_id, time)
  SELECT m.rule_id, d.id, d.test_id, d.start
  FROM unnest($1::int[], $2::int[]) AS m(rule_id, dataset_id) JOIN dataset d ON d.id = m.dataset_id
  ON CONFLICT DO NOTHING`;

/** The next chunk of a rule's test's datasets after dataset id $2 (dataset_test_id index). */
export const NEXT_DATASETS_OF_RULE = `
  SELECT d.id FROM dataset d
  WHERE d.test_id = (SELECT test_id FROM missing_data_rule WHERE id = $1) AND d.id > $2
  ORDER BY d.id LIMIT $3`;

/**
 * The missing data check, in one statement. A rule is looked at when it never notified or its
 * last notification is older than its staleness (so it notifies at most once per staleness
 * period, as in Horreum). It fires when its newest matching dataset is older than now − staleness
 * (or there is none), **and** data arrived since it last fired: it never fired, or its newest
 * dataset is newer than the one named in its last event (or, when that event is gone, newer than
 * the last notification − staleness). So a rule fires once when data stops, and again only after
 * data arrived and stopped again. Horreum instead repeats the notification every staleness
 * period while data stays missing.
 *
 * Cost: one pass over the rules due; per rule, one index lookup for its newest result
 * (missing_data_rule_result_rule_id_time_idx) and one for its last event
 * (event_test_id_created_at_idx, then the test's missing data events).
 */
export const CHECK_MISSING_DATA = `
  WITH due AS (
    SELECT r.id, r.name, r.test_id, r.max_staleness, r.last_notification, t.name AS test_name, t.notifications_enabled,
           (SELECT max(x.time) FROM missing_data_rule_result x WHERE x.rule_id = r.id) AS newest,
           $1::timestamptz - r.max_staleness * interval '1 millisecond' AS stale_before
    FROM missing_data_rule r JOIN test t ON t.id = r.test_id
    WHERE r.last_notification IS NULL OR r.last_notification < $1::timestamptz - r.max_staleness * interval '1 millisecond'
  ), fired AS (
    SELECT d.* FROM due d
    LEFT JOIN LATERAL (
      SELECT e.payload FROM event e
      WHERE e.test_id = d.test_id AND e.kind = 'missing-data/new' AND e.payload ->> 'ruleId' = d.id::text
      ORDER BY e.id DESC LIMIT 1
    ) last_event ON true
    WHERE (d.newest IS NULL OR d.newest < d.stale_before)
      AND (d.last_notification IS NULL
           OR CASE WHEN last_event.payload IS NULL THEN d.newest > d.last_notification - d.max_staleness * interval '1 millisecond'
                   WHEN last_event.payload ->> 'lastDatasetTime' IS NULL THEN d.newest IS NOT NULL
                   ELSE d.newest > (last_event.payload ->> 'lastDatasetTime')::timestamptz END)
  ), events AS (
    INSERT INTO event (kind, test_id, payload, notify)
    SELECT 'missing-data/new', f.test_id,
           jsonb_build_object('ruleId', f.id, 'ruleName', f.name, 'testName', f.test_name, 'maxStaleness', f.max_staleness,
                              'lastDatasetTime', ${iso('f.newest')}),
           f.notifications_enabled
    FROM fired f ORDER BY f.id
  )
  UPDATE missing_data_rule r SET last_notification = $1::timestamptz FROM fired f WHERE r.id = f.id
  RETURNING r.id`;

/**
 * Run expectations past their deadline become one 'run-expectation/missed' event each and are
 * deleted, in one statement (run_expectation_expected_before_idx).
 */
export const CHECK_RUN_EXPECTATIONS = `
  WITH missed AS (
    DELETE FROM run_expectation e WHERE e.expected_before < $1::timestamptz
    RETURNING e.id, e.test_id, e.expected_before, e.expected_by, e.backlink
  )
  INSERT INTO event (kind, test_id, payload, notify)
  SELECT 'run-expectation/missed', m.test_id,
         jsonb_build_object('testName', t.name, 'expectedBy', m.expected_by, 'backlink', m.backlink,
                            'expectedBefore', ${iso('m.expected_before')}),
         t.notifications_enabled
  FROM missed m JOIN test t ON t.id = m.test_id
  ORDER BY m.id
  RETURNING id`;
