'use server';

import type { Schemas } from '@granary/api-client';
import { refresh } from 'next/cache';
import { callApi, callApiNoContent } from '../../lib/api';
import { formProblem, type ApiResult } from '../../lib/api-result';
import { inSession } from '../../lib/session';

type Recalculation = Schemas['RecalculationDto'];
export type TestSettings = Schemas['UpdateTestRequest'];

const pageOf = (testId: number) => `/tests/${testId}`;

/** The test's recent recalculations, newest first: what the progress area polls while one runs. */
export async function readRecalculations(testId: number): Promise<ApiResult<Recalculation[]>> {
  return callApi((api) => api.GET('/api/test/{id}/recalculations', { params: { path: { id: testId } } }));
}

/** Transforms every run of the test again, in the background (`POST /api/test/{id}/recalculate`). */
export async function recalculateTest(testId: number): Promise<ApiResult<void>> {
  const result = await inSession(
    await callApiNoContent((api) => api.POST('/api/test/{id}/recalculate', { params: { path: { id: testId } } })),
    pageOf(testId),
  );
  if (result.isOk) {
    refresh();
  }
  return result;
}

/** Trashes (or restores) some of the test's runs in one go; answers how many changed. */
export async function setRunsTrashed(testId: number, runIds: number[], trashed: boolean): Promise<ApiResult<number>> {
  if (runIds.length === 0) {
    return { isOk: false, problem: formProblem('Select at least one run.') };
  }
  const result = await inSession(
    await callApi((api) => api.POST('/api/test/{id}/runs/trash', { params: { path: { id: testId } }, body: { runIds, trashed } })),
    pageOf(testId),
  );
  if (result.isOk) {
    refresh();
  }
  return result.isOk ? { isOk: true, data: result.data.count } : result;
}

/**
 * Saves a test's settings (`PUT /api/test` replaces every field) and, when they changed, the
 * transformers it uses. The API files the recalculations these changes need.
 */
export async function saveTestSettings(settings: TestSettings, transformerIds: number[] | undefined): Promise<ApiResult<void>> {
  const path = pageOf(settings.id);
  const saved = await inSession(await callApi((api) => api.PUT('/api/test', { body: settings })), path);
  if (!saved.isOk) {
    return saved;
  }
  if (transformerIds) {
    const chosen = await inSession(
      await callApiNoContent((api) => api.POST('/api/test/{id}/transformers', { params: { path: { id: settings.id } }, body: transformerIds })),
      path,
    );
    if (!chosen.isOk) {
      return chosen;
    }
  }
  refresh();
  return { isOk: true, data: undefined };
}
