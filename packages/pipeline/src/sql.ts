/**
 * The pipeline's set-based SQL: each statement works on a whole batch of runs or datasets, and
 * JSONPath is evaluated by PostgreSQL (its `jsonpath` dialect, lax mode, errors silenced so
 * that one odd document cannot fail a batch).
 */

/** Claims pending runs (any test) for this transaction; other workers skip them. */
export const CLAIM_PENDING_RUNS = `
  SELECT id FROM run WHERE pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`;

export const CLEAR_RUN_RESULTS = `
  WITH d AS (DELETE FROM dataset WHERE run_id = ANY($1::int[])),
       s AS (DELETE FROM run_schema WHERE run_id = ANY($1::int[]))
  DELETE FROM run_validation_error WHERE run_id = ANY($1::int[])`;

/**
 * Where known schema URIs appear in the runs: the root object (type 0), an object under a
 * first-level key (type 1), an element of a root array (type 2), or a metadata element (source 1).
 */
export const FIND_RUN_SCHEMAS = `
  WITH runs AS MATERIALIZED (
    -- Each document read once, detoasted: a plain r.data below would be read again at every use.
    SELECT r.id, r.data #> '{}' AS data, r.metadata FROM run r WHERE r.id = ANY($1::int[]) AND NOT r.trashed
  )
  INSERT INTO run_schema (run_id, schema_id, uri, type, key, source)
  SELECT r.id, s.id, s.uri, m.type, m.key, m.source
  FROM runs r
  CROSS JOIN LATERAL (
    SELECT 0 AS type, '' AS key, 0 AS source, r.data ->> '$schema' AS uri
    WHERE jsonb_typeof(r.data) = 'object'
    UNION ALL
    SELECT 1, e.key, 0, e.value ->> '$schema'
    FROM jsonb_each(CASE WHEN jsonb_typeof(r.data) = 'object' THEN r.data ELSE '{}'::jsonb END) e
    WHERE jsonb_typeof(e.value) = 'object' AND e.key <> '$schema'
    UNION ALL
    SELECT 2, (a.ord - 1)::text, 0, a.value ->> '$schema'
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.data) = 'array' THEN r.data ELSE '[]'::jsonb END) WITH ORDINALITY a(value, ord)
    WHERE jsonb_typeof(a.value) = 'object'
    UNION ALL
    SELECT 2, (a.ord - 1)::text, 1, a.value ->> '$schema'
    FROM jsonb_array_elements(coalesce(r.metadata, '[]'::jsonb)) WITH ORDINALITY a(value, ord)
    WHERE jsonb_typeof(a.value) = 'object'
  ) m
  JOIN schema s ON s.uri = m.uri`;

/** The part of a run a run_schema row points at. */
const PART = `(CASE WHEN rs.source = 1 THEN r.metadata -> rs.key::int
                    WHEN rs.type = 0 THEN r.data
                    WHEN rs.type = 1 THEN r.data -> rs.key
                    ELSE r.data -> rs.key::int END)`;

const PART_ORDER = `rs.source, rs.type, CASE WHEN rs.type = 2 THEN lpad(rs.key, 10, '0') ELSE rs.key END`;

/** Runs among the batch whose test selected a transformer for one of their schemas. */
export const RUNS_WITH_TRANSFORMERS = `
  SELECT DISTINCT rs.run_id AS id
  FROM run_schema rs
  JOIN run r ON r.id = rs.run_id
  JOIN test_transformer tt ON tt.test_id = r.test_id
  JOIN transformer t ON t.id = tt.transformer_id AND t.schema_id = rs.schema_id
  WHERE rs.run_id = ANY($1::int[])`;

/**
 * Runs without transformers: one dataset of their schema-carrying parts ([] when none). When the
 * only part is the document's root, the dataset refers to the run's document (`data` NULL, see
 * datasetElement) instead of copying it: the usual upload, and a 20 KB write less per run.
 */
export const INSERT_PLAIN_DATASETS = `
  INSERT INTO dataset (run_id, test_id, ordinal, data, start, stop, description, owner, access)
  SELECT r.id, r.test_id, 0,
         CASE WHEN p.n = 1 AND p.root THEN NULL
              -- jsonb_build_array for a single part: a third of jsonb_agg's cost on a 20 KB document.
              WHEN p.n = 1 THEN (SELECT jsonb_build_array(${PART}) FROM run_schema rs WHERE rs.run_id = r.id)
              ELSE coalesce((SELECT jsonb_agg(${PART} ORDER BY ${PART_ORDER}) FROM run_schema rs WHERE rs.run_id = r.id), '[]'::jsonb) END,
         r.start, r.stop,
         CASE WHEN p.n > 0 THEN r.description ELSE 'Empty Dataset for run data without any schema.' END,
         r.owner, r.access
  FROM run r
  CROSS JOIN LATERAL (
    SELECT count(*) AS n, bool_and(rs.type = 0 AND rs.source = 0) AS root FROM run_schema rs WHERE rs.run_id = r.id
  ) p
  WHERE r.id = ANY($1::int[]) AND NOT r.trashed`;

/**
 * Extractor values for every (run part, selected transformer) of the runs, and the naked parts
 * (no transformer selected for their schema), in Horreum's order: transformer, then part.
 */
export const TRANSFORMER_INPUTS = `
  SELECT * FROM (
    SELECT r.id AS run_id, t.id AS transformer_id, t.function, t.target_schema_uri,
           ${extractorInput('t.extractors', PART)} AS input, NULL::jsonb AS part,
           rs.source, rs.type, CASE WHEN rs.type = 2 THEN lpad(rs.key, 10, '0') ELSE rs.key END AS sort_key
    FROM run r
    JOIN run_schema rs ON rs.run_id = r.id
    JOIN test_transformer tt ON tt.test_id = r.test_id
    JOIN transformer t ON t.id = tt.transformer_id AND t.schema_id = rs.schema_id
    WHERE r.id = ANY($1::int[])
    UNION ALL
    SELECT r.id, NULL, NULL, NULL, NULL, ${PART},
           rs.source, rs.type, CASE WHEN rs.type = 2 THEN lpad(rs.key, 10, '0') ELSE rs.key END
    FROM run r
    JOIN run_schema rs ON rs.run_id = r.id
    WHERE r.id = ANY($1::int[])
      AND NOT EXISTS (SELECT 1 FROM test_transformer tt JOIN transformer t ON t.id = tt.transformer_id
                      WHERE tt.test_id = r.test_id AND t.schema_id = rs.schema_id)
  ) x
  ORDER BY run_id, transformer_id NULLS LAST, source, type, sort_key`;

/** Datasets computed in Node (transformer path): one JSON array of {runId, ordinal, data}. */
export const INSERT_COMPUTED_DATASETS = `
  INSERT INTO dataset (run_id, test_id, ordinal, data, start, stop, description, owner, access)
  SELECT r.id, r.test_id, x.ordinal, x.data, r.start, r.stop, r.description, r.owner, r.access
  FROM jsonb_to_recordset($1::jsonb) AS x(run_id int, ordinal int, data jsonb)
  JOIN run r ON r.id = x.run_id`;

/**
 * Element `index` of dataset `d` (aliases `d`, and `index` as given): from the dataset's own
 * array, or the run's document when the dataset refers to it (`data` NULL: one element). The
 * run's document is read with `#> '{}'` (the whole document, detoasted): a plain `r.data` is a
 * pointer to its TOAST chunks, which a materialized CTE keeps as such, and then every label's
 * extraction would read the 20 KB again (measured: 63 instead of 37 ms per batch of 100).
 */
export function datasetElement(d: string, index: string): string {
  return `(CASE WHEN ${d}.data IS NULL THEN (SELECT r.data #> '{}' FROM run r WHERE r.id = ${d}.run_id AND ${index} = 0) ELSE ${d}.data -> ${index} END)`;
}

/** The whole data of dataset `d` (a JSON array), as readers show it. */
export function datasetData(d: string): string {
  return `coalesce(${d}.data, (SELECT jsonb_build_array(r.data) FROM run r WHERE r.id = ${d}.run_id))`;
}

/** Which schemas each dataset element carries (a dataset referring to its run: the run's root schema). */
export const FIND_DATASET_SCHEMAS = `
  INSERT INTO dataset_schema (dataset_id, index, schema_id, uri)
  SELECT d.id, (e.ord - 1)::int, s.id, s.uri
  FROM dataset d
  CROSS JOIN LATERAL jsonb_array_elements(d.data) WITH ORDINALITY e(value, ord)
  JOIN schema s ON s.uri = (e.value ->> '$schema')
  WHERE d.run_id = ANY($1::int[]) AND d.data IS NOT NULL
  UNION ALL
  SELECT d.id, 0, rs.schema_id, rs.uri
  FROM dataset d JOIN run_schema rs ON rs.run_id = d.run_id AND rs.type = 0 AND rs.source = 0
  -- rs.run_id too: without it, run_schema was scanned whole and joined row by row (40 ms, not 4).
  WHERE d.run_id = ANY($1::int[]) AND rs.run_id = ANY($1::int[]) AND d.data IS NULL`;

/**
 * The input of one label or transformer from its extractors (a jsonb array of {name, jsonpath,
 * isarray}) on `doc`: {} without extractors, the value for one, an object keyed by name for
 * several. Missing values are JSON null.
 */
function extractorInput(extractors: string, doc: string): string {
  const one = `CASE WHEN coalesce((x ->> 'isarray')::boolean, false)
                    THEN jsonb_path_query_array(${doc}, (x ->> 'jsonpath')::jsonpath, '{}'::jsonb, true)
                    ELSE jsonb_path_query_first(${doc}, (x ->> 'jsonpath')::jsonpath, '{}'::jsonb, true) END`;
  return `(CASE jsonb_array_length(${extractors})
            WHEN 0 THEN '{}'::jsonb
            WHEN 1 THEN coalesce((SELECT ${one} FROM jsonb_array_elements(${extractors}) x), 'null'::jsonb)
            ELSE (SELECT jsonb_object_agg(x ->> 'name', coalesce(${one}, 'null'::jsonb)) FROM jsonb_array_elements(${extractors}) x)
          END)`;
}

/**
 * Label values of datasets (`$1` dataset ids; `$2` label ids, or NULL for every label): stores
 * the values of labels without a function at once (replacing older values), and returns the
 * inputs of labels with a function for the sandbox. When a dataset carries a schema twice, its
 * first element wins.
 */
export const COMPUTE_LABEL_VALUES = `
  WITH docs AS MATERIALIZED (
    -- Each dataset element once: a large document is decompressed once, not once per label.
    SELECT ds.dataset_id, ds.index, ds.schema_id, ${datasetElement('d', 'ds.index')} AS doc
    FROM dataset d
    JOIN dataset_schema ds ON ds.dataset_id = d.id
    -- Both sides by the ids: otherwise the planner may hash all of dataset_schema (100,000 rows: 67 ms).
    WHERE d.id = ANY($1::int[]) AND ds.dataset_id = ANY($1::int[])
      AND EXISTS (SELECT 1 FROM label l WHERE l.schema_id = ds.schema_id AND ($2::int[] IS NULL OR l.id = ANY($2::int[])))
  ), labels AS MATERIALIZED (
    -- Each label's JSONPath parsed once per statement, not once per dataset; a label with one
    -- extractor (most) is then evaluated without a subquery per dataset. The labels are locked
    -- until the transaction ends, as a foreign key's checks would (label_value has none on
    -- label_id, see its migration): a label deleted meanwhile waits, then takes its values with it.
    SELECT l.id, l.schema_id, l.function, l.extractors, jsonb_array_length(l.extractors) AS extractor_count,
           CASE WHEN jsonb_array_length(l.extractors) = 1 THEN (l.extractors -> 0 ->> 'jsonpath')::jsonpath END AS path,
           coalesce((l.extractors -> 0 ->> 'isarray')::boolean, false) AS isarray
    FROM label l
    WHERE l.schema_id IN (SELECT schema_id FROM docs) AND ($2::int[] IS NULL OR l.id = ANY($2::int[]))
    FOR KEY SHARE OF l
  ), targets AS (
    SELECT DISTINCT ON (e.dataset_id, l.id) e.dataset_id, l.id AS label_id, l.function,
           CASE WHEN l.extractor_count <> 1 THEN ${extractorInput('l.extractors', 'e.doc')}
                WHEN l.isarray THEN jsonb_path_query_array(e.doc, l.path, '{}'::jsonb, true)
                ELSE coalesce(jsonb_path_query_first(e.doc, l.path, '{}'::jsonb, true), 'null'::jsonb) END AS input
    FROM docs e
    JOIN labels l ON l.schema_id = e.schema_id
    ORDER BY e.dataset_id, l.id, e.index
  ), stored AS (
    INSERT INTO label_value (dataset_id, label_id, value, error)
    SELECT dataset_id, label_id, input, NULL FROM targets WHERE function IS NULL
    -- A value a recalculation finds unchanged is not written again (no new row version, no WAL).
    ON CONFLICT (dataset_id, label_id) DO UPDATE SET value = excluded.value, error = NULL
      WHERE label_value.value IS DISTINCT FROM excluded.value OR label_value.error IS NOT NULL
  )
  SELECT dataset_id, label_id, function, input FROM targets WHERE function IS NOT NULL ORDER BY label_id`;

/**
 * COMPUTE_LABEL_VALUES for one label (a label edited): each document is used once, so it is read
 * where it is used instead of being kept for every label (800 documents of 20 KB spill to disk:
 * 56 instead of 65–90 ms per chunk of 800 datasets).
 */
export const COMPUTE_ONE_LABEL_VALUES = COMPUTE_LABEL_VALUES.replace('WITH docs AS MATERIALIZED', 'WITH docs AS NOT MATERIALIZED');

/**
 * Stores function results: $1 is a JSON array of {dataset_id, label_id, value, error}, for labels
 * COMPUTE_LABEL_VALUES locked earlier in the transaction; values of labels that do not exist are
 * dropped (label_value has no foreign key to label).
 */
export const STORE_LABEL_VALUES = `
  INSERT INTO label_value (dataset_id, label_id, value, error)
  SELECT x.dataset_id, x.label_id, CASE WHEN x.error IS NULL THEN x.value END, x.error
  FROM jsonb_to_recordset($1::jsonb) AS x(dataset_id int, label_id int, value jsonb, error text)
  WHERE EXISTS (SELECT 1 FROM label l WHERE l.id = x.label_id)
  ON CONFLICT (dataset_id, label_id) DO UPDATE SET value = excluded.value, error = excluded.error
    WHERE label_value.value IS DISTINCT FROM excluded.value OR label_value.error IS DISTINCT FROM excluded.error`;

/**
 * Fingerprints of datasets: the test's fingerprint labels' values as text, keyed by label name
 * ({} when the test has none).
 */
export const UPDATE_FINGERPRINTS = `
  UPDATE dataset d SET fingerprint = f.fingerprint
  FROM (
    SELECT d2.id, coalesce((
        SELECT jsonb_object_agg(l.name, CASE WHEN jsonb_typeof(lv.value) = 'string' THEN lv.value ELSE to_jsonb(lv.value::text) END ORDER BY l.id)
        FROM label_value lv JOIN label l ON l.id = lv.label_id
        WHERE lv.dataset_id = d2.id AND lv.value IS NOT NULL AND l.name = ANY(coalesce(t.fingerprint_labels, '{}'))
      ), '{}'::jsonb) AS fingerprint
    FROM dataset d2 JOIN test t ON t.id = d2.test_id
    WHERE d2.id = ANY($1::int[])
  ) f
  -- Unchanged fingerprints (most, in a recalculation) are not written again. d.id by the ids too:
  -- otherwise the planner may scan every dataset to join them (100,000 rows: 75 ms).
  WHERE d.id = f.id AND d.id = ANY($1::int[]) AND d.fingerprint IS DISTINCT FROM f.fingerprint`;

export const DATASET_IDS_OF_RUNS = `SELECT id FROM dataset WHERE run_id = ANY($1::int[]) ORDER BY id`;

/** Documents to validate: parts of runs whose schema has a JSON Schema. */
export const RUN_PARTS_TO_VALIDATE = `
  SELECT rs.run_id, s.id AS schema_id, s.updated_at::text AS version, s.schema AS json_schema, ${PART} AS part
  FROM run_schema rs JOIN run r ON r.id = rs.run_id JOIN schema s ON s.id = rs.schema_id
  WHERE rs.run_id = ANY($1::int[]) AND s.schema IS NOT NULL`;

export const DATASET_PARTS_TO_VALIDATE = `
  SELECT ds.dataset_id, s.id AS schema_id, s.updated_at::text AS version, s.schema AS json_schema, ${datasetElement('d', 'ds.index')} AS part
  FROM dataset_schema ds JOIN dataset d ON d.id = ds.dataset_id JOIN schema s ON s.id = ds.schema_id
  WHERE d.run_id = ANY($1::int[]) AND s.schema IS NOT NULL`;

export const SCHEMAS_BY_URI = `SELECT uri, schema FROM schema WHERE uri = ANY($1::text[]) AND schema IS NOT NULL`;

export const STORE_RUN_VALIDATION_ERRORS = `
  INSERT INTO run_validation_error (run_id, schema_id, error)
  SELECT x.id, x.schema_id, x.error FROM jsonb_to_recordset($1::jsonb) AS x(id int, schema_id int, error jsonb)`;

export const STORE_DATASET_VALIDATION_ERRORS = `
  INSERT INTO dataset_validation_error (dataset_id, schema_id, error)
  SELECT x.id, x.schema_id, x.error FROM jsonb_to_recordset($1::jsonb) AS x(id int, schema_id int, error jsonb)`;

export const MARK_RUNS_DONE = `UPDATE run SET pending = false, processing_error = NULL WHERE id = ANY($1::int[])`;

/** The first pending run, when processing it alone failed: no longer pending, with the reason. */
export const SET_RUN_ASIDE = `
  UPDATE run SET pending = false, processing_error = $1
  WHERE id = (SELECT id FROM run WHERE pending ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id`;

/** Previews: the input a label with extractors `$1` (jsonb array) gets from document `$2`. */
export const LABEL_INPUT_OF_DOCUMENT = `SELECT ${extractorInput('$1::jsonb', '$2::jsonb')} AS input`;

/** Previews: why a jsonpath does not parse (NULL when it does; PostgreSQL 16 or later). */
export const JSONPATH_ERROR = `SELECT message FROM pg_input_error_info($1, 'jsonpath')`;
