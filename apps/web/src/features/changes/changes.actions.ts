'use server';

import type { Schemas } from '@granary/api-client';
import { refresh } from 'next/cache';
import { callApi, callApiNoContent } from '../../lib/api';
import { formProblem, type ApiResult } from '../../lib/api-result';
import { inSession } from '../../lib/session';
import type { DetectionProgress, Variable } from './change-types';

const pageOf = (testId: number) => `/tests/${testId}?tab=changes`;

/** After a change to the changes or datapoints of a test: the page shows the new state. */
async function refreshed<T>(result: ApiResult<T>, testId: number): Promise<ApiResult<T>> {
  const checked = await inSession(result, pageOf(testId));
  if (checked.isOk) {
    refresh();
  }
  return checked;
}

/** Confirms, ignores, or takes back the decision about a change (`PUT /api/alerting/change/{id}`). */
export async function reviewChange(testId: number, change: { id: number; confirmed: boolean; ignored: boolean }): Promise<ApiResult<void>> {
  return refreshed(
    await callApiNoContent((api) => api.PUT('/api/alerting/change/{id}', { params: { path: { id: change.id } }, body: change })),
    testId,
  );
}

export async function deleteChange(testId: number, changeId: number): Promise<ApiResult<void>> {
  return refreshed(await callApiNoContent((api) => api.DELETE('/api/alerting/change/{id}', { params: { path: { id: changeId } } })), testId);
}

/** A change point a person adds where the models found none; detection restarts its history there. */
export async function markChange(testId: number, input: { variableId: number; datasetId: number; description?: string }): Promise<ApiResult<{ id: number }>> {
  const description = input.description?.trim();
  if (description && description.length > 1000) {
    return { isOk: false, problem: formProblem('Keep the description under 1000 characters.') };
  }
  const result = await refreshed(
    await callApi((api) => api.POST('/api/alerting/change', { body: { variableId: input.variableId, datasetId: input.datasetId, ...(description ? { description } : {}) } })),
    testId,
  );
  return result.isOk ? { isOk: true, data: { id: result.data.id } } : result;
}

/** Flags (or unflags) a datapoint as an outlier: detection skips it, and the series is analysed again. */
export async function setOutlier(testId: number, input: { variableId: number; datasetId: number; outlier: boolean }): Promise<ApiResult<void>> {
  return refreshed(await callApiNoContent((api) => api.PUT('/api/alerting/outlier', { body: input })), testId);
}

/** Replaces the test's variables (the API deletes those missing and re-runs detection in the background). */
export async function saveVariables(testId: number, variables: Variable[]): Promise<ApiResult<void>> {
  return refreshed(
    // The form keeps a model's name as text; the generated type names the three models.
    await callApiNoContent((api) => api.POST('/api/alerting/variables', { params: { query: { test: testId } }, body: variables as unknown as Schemas['VariableDto'][] })),
    testId,
  );
}

/** Runs change detection over the test's whole history again, in the background. */
export async function recalculateChanges(testId: number): Promise<ApiResult<void>> {
  return inSession(await callApiNoContent((api) => api.POST('/api/alerting/recalculate', { params: { query: { test: testId } } })), pageOf(testId));
}

/** How far the re-run of change detection is: what the progress bar polls. */
export async function readDetectionProgress(testId: number): Promise<ApiResult<DetectionProgress>> {
  return callApi((api) => api.GET('/api/alerting/recalculate', { params: { query: { test: testId } } }));
}

