import 'server-only';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import type { Paging } from '../../lib/paging';
import type { ConditionConfig, FingerprintSeries, RecentChange, Series, Variable } from './change-types';
import { pickFingerprint } from './fingerprints';

/** Datapoints drawn per chart at most; the API reduces longer series, keeping every change start. */
export const POINTS_PER_CHART = 500;

/** What the Changes tab shows: the test's series (fingerprints), the one chosen, and one chart per variable. */
export interface ChangesTabData {
  variables: ApiResult<Variable[]>;
  fingerprints: ApiResult<FingerprintSeries[]>;
  /** The hash of the fingerprint shown, when any series has datapoints. */
  chosen: string | undefined;
  /** One per variable, in the variables' order (none when nothing is chosen). */
  series: ApiResult<Series>[];
}

/**
 * Answers that hold variables, in the shapes of change-types.ts (what the API sends: ids and test
 * ids always present on answers, which the generated request/answer type leaves optional).
 */
const withVariables = <T>(result: ApiResult<unknown>): ApiResult<T> => result as ApiResult<T>;

export async function findVariables(testId: number): Promise<ApiResult<Variable[]>> {
  return withVariables(await callApi((api) => api.GET('/api/alerting/variables', { params: { query: { test: testId } } })));
}

export async function findChangesTabData(testId: number, requested: string): Promise<ChangesTabData> {
  const [variables, fingerprints] = await Promise.all([
    findVariables(testId),
    callApi((api) => api.GET('/api/alerting/fingerprints', { params: { query: { test: testId } } })),
  ]);
  const chosen = fingerprints.isOk ? pickFingerprint(fingerprints.data, requested || undefined)?.hash : undefined;
  const series =
    variables.isOk && chosen !== undefined
      ? await Promise.all(
          variables.data.map(async (v) =>
            withVariables<Series>(await callApi((api) => api.GET('/api/alerting/series', { params: { query: { var: v.id ?? 0, fingerprint: chosen, points: POINTS_PER_CHART } } }))),
          ),
        )
      : [];
  return { variables, fingerprints, chosen, series };
}

/** What the Change detection tab edits: the variables, and what the form needs to render models and labels. */
export interface ChangeDetectionTabData {
  variables: ApiResult<Variable[]>;
  models: ApiResult<ConditionConfig[]>;
  defaults: ApiResult<{ model: string; config: Record<string, unknown> }[]>;
}

export async function findChangeDetectionTabData(testId: number): Promise<ChangeDetectionTabData> {
  const [variables, models, defaults] = await Promise.all([
    findVariables(testId),
    callApi((api) => api.GET('/api/alerting/changeDetectionModels')),
    callApi((api) => api.GET('/api/alerting/defaultChangeDetectionConfigs')),
  ]);
  return { variables, models, defaults };
}

export interface RecentChangesPage {
  changes: RecentChange[];
  total: number;
}

/** The newest changes across the tests the caller may see (`GET /api/alerting/changes/recent`, pages from 1). */
export async function findRecentChanges(paging: Paging): Promise<ApiResult<RecentChangesPage>> {
  return withVariables(await callApi((api) => api.GET('/api/alerting/changes/recent', { params: { query: { limit: paging.limit, page: paging.page } } })));
}
