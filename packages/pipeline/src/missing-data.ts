import type { PoolClient } from 'pg';
import * as M from './missing-data-sql';
import type { Evaluation, FunctionRunner } from './processor';

/** Datasets per round when a saved rule is evaluated over its test's whole history. */
const RULE_CHUNK_DATASETS = 2000;

interface ConditionInputRow {
  rule_id: number;
  condition: string;
  dataset_id: number;
  input: unknown;
}

/**
 * Re-evaluates the missing data rules of the datasets' tests on those datasets, after their
 * label values were stored (same transaction). Results of the datasets are replaced: a rule
 * without a condition matches every dataset; a condition is evaluated in the sandbox, one call
 * per rule for all the datasets, and matches only when it returns `true` (anything else, an
 * error included, is no match: Horreum logs a non-boolean as an error and does not match).
 * A match records the dataset's start as the time the rule last saw data.
 *
 * @example await evaluateMissingDataRules(client, [41, 42], sandbox)
 */
export async function evaluateMissingDataRules(client: PoolClient, datasetIds: number[], functions: FunctionRunner): Promise<void> {
  await evaluate(client, functions, { datasetIds, ruleId: null });
}

/**
 * Evaluates one rule over every dataset of its test (after the rule was created or changed),
 * in chunks of datasets; returns how many datasets it matched.
 *
 * @example const matched = await evaluateMissingDataRule(client, 7, sandbox)
 */
export async function evaluateMissingDataRule(client: PoolClient, ruleId: number, functions: FunctionRunner): Promise<number> {
  let cursor = 0;
  let matched = 0;
  for (;;) {
    const ids = (await client.query<{ id: number }>(M.NEXT_DATASETS_OF_RULE, [ruleId, cursor, RULE_CHUNK_DATASETS])).rows.map((r) => r.id);
    if (ids.length === 0) {
      return matched;
    }
    matched += await evaluate(client, functions, { datasetIds: ids, ruleId });
    cursor = ids[ids.length - 1]!;
  }
}

async function evaluate(client: PoolClient, functions: FunctionRunner, scope: { datasetIds: number[]; ruleId: number | null }): Promise<number> {
  if (scope.datasetIds.length === 0) {
    return 0;
  }
  const params = [scope.datasetIds, scope.ruleId];
  await client.query(M.DELETE_RESULTS, params);
  const unconditioned = (await client.query(M.MATCH_UNCONDITIONED, params)).rowCount ?? 0;
  const { rows } = await client.query<ConditionInputRow>(M.CONDITION_INPUTS, params);
  const ruleIds: number[] = [];
  const datasetIds: number[] = [];
  for (const group of groupByRule(rows)) {
    const evaluations = await functions.evaluate(group[0]!.condition, group.map((r) => r.input));
    group.forEach((row, i) => {
      if (isMatch(evaluations[i])) {
        ruleIds.push(row.rule_id);
        datasetIds.push(row.dataset_id);
      }
    });
  }
  if (ruleIds.length > 0) {
    await client.query(M.INSERT_MATCHES, [ruleIds, datasetIds]);
  }
  return unconditioned + ruleIds.length;
}

/** A condition matches only when it returns exactly `true`. */
export function isMatch(evaluation: Evaluation | undefined): boolean {
  return evaluation !== undefined && evaluation.ok && evaluation.value === true;
}

/** Rows arrive ordered by rule: consecutive runs of one rule. */
function groupByRule(rows: readonly ConditionInputRow[]): ConditionInputRow[][] {
  const groups: ConditionInputRow[][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.rule_id === row.rule_id) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

/**
 * The periodic missing data check at `now`: each rule whose newest matching dataset is older than
 * its maximum staleness (or that has none) fires one 'missing-data/new' event (notify = the
 * test's notifications are enabled) and records `now` as its last notification. It fires once
 * when data stops, and again only after data arrived and stopped again (see CHECK_MISSING_DATA).
 * Run it as the system, in one transaction; returns the ids of the rules that fired.
 *
 * @example await checkMissingData(client, new Date())
 */
export async function checkMissingData(client: PoolClient, now: Date): Promise<number[]> {
  return (await client.query<{ id: number }>(M.CHECK_MISSING_DATA, [now])).rows.map((r) => r.id);
}

/**
 * Run expectations whose deadline passed at `now` become 'run-expectation/missed' events and are
 * deleted. Run it as the system; returns how many were missed.
 *
 * @example await checkRunExpectations(client, new Date())
 */
export async function checkRunExpectations(client: PoolClient, now: Date): Promise<number> {
  return (await client.query(M.CHECK_RUN_EXPECTATIONS, [now])).rowCount ?? 0;
}
