'use server';

import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import { prettyJson } from '../../lib/json-text';

/** The whole run document, pretty-printed ("Show all" of the JSON viewer). */
export async function loadRunDocument(runId: number): Promise<ApiResult<string>> {
  const result = await callApi((api) => api.GET('/api/run/{id}/data', { params: { path: { id: runId } } }));
  return result.isOk ? { isOk: true, data: prettyJson(result.data) } : result;
}

/** A dataset's document, pretty-printed (loaded when its viewer is opened). */
export async function loadDatasetDocument(datasetId: number): Promise<ApiResult<string>> {
  const result = await callApi((api) => api.GET('/api/dataset/{id}', { params: { path: { id: datasetId } } }));
  return result.isOk ? { isOk: true, data: prettyJson(result.data.data) } : result;
}
