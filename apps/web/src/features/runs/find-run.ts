import 'server-only';
import type { Schemas } from '@granary/api-client';
import { cache } from 'react';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';

export type RunExtended = Schemas['RunExtended'];
export type DatasetSummary = Schemas['DatasetSummary'];
export type LabelValue = Schemas['LabelValue'];

/** A dataset of the run with its label values (or the problem reading them). */
export interface DatasetWithValues {
  dataset: DatasetSummary;
  labelValues: ApiResult<LabelValue[]>;
}

/** At most this many datasets of one run are shown with their label values; the test's Datasets tab has the rest. */
export const MAX_DATASETS_SHOWN = 100;
// Label values of this many datasets are asked for at once.
const PARALLEL_CALLS = 8;

/** The run with its document, asked once per request (the page and its title share the answer). */
export const findRun = cache((id: number): Promise<ApiResult<RunExtended>> => callApi((api) => api.GET('/api/run/{id}', { params: { path: { id } } })));

/** The run's datasets in order, each with its label values (values missing for a reason carry `error`). */
export async function findDatasetsWithValues(runId: number): Promise<ApiResult<{ total: number; datasets: DatasetWithValues[] }>> {
  const list = await callApi((api) =>
    api.GET('/api/dataset/list/byRun/{runId}', { params: { path: { runId }, query: { limit: MAX_DATASETS_SHOWN, page: 1, sort: 'ordinal', direction: 'Ascending' } } }),
  );
  if (!list.isOk) {
    return list;
  }
  const datasets: DatasetWithValues[] = [];
  for (let i = 0; i < list.data.datasets.length; i += PARALLEL_CALLS) {
    const chunk = list.data.datasets.slice(i, i + PARALLEL_CALLS);
    const values = await Promise.all(
      chunk.map((d) => callApi((api) => api.GET('/api/dataset/{datasetId}/labelValues', { params: { path: { datasetId: d.id } } }))),
    );
    chunk.forEach((dataset, j) => datasets.push({ dataset, labelValues: values[j]! }));
  }
  return { isOk: true, data: { total: list.data.total, datasets } };
}
