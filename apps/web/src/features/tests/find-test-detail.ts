import 'server-only';
import type { Schemas } from '@granary/api-client';
import { cache } from 'react';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import type { DatasetsQuery, FingerprintValue, LabelValuesQuery, RunsQuery } from './test-detail-query';

export type Test = Schemas['TestDto'];
export type RunsPage = Schemas['RunsSummary'];
export type DatasetsPage = Schemas['DatasetList'];
export type LabelValuesRow = Schemas['ExportedLabelValues'];
export type Recalculation = Schemas['RecalculationDto'];
export type LabelInfo = Schemas['LabelInfo'];
export type TransformerInfo = Schemas['TransformerInfo'];

/** One page of label values; the API gives no total, so whether a next page exists is asked separately. */
export interface LabelValuesPage {
  rows: LabelValuesRow[];
  hasMore: boolean;
}

/** The test, asked once per request (the page and its title share the answer). */
export const findTest = cache((id: number): Promise<ApiResult<Test>> => callApi((api) => api.GET('/api/test/{id}', { params: { path: { id } } })));

export function findRuns(testId: number, query: RunsQuery): Promise<ApiResult<RunsPage>> {
  return callApi((api) =>
    api.GET('/api/run/list/{testId}', {
      params: {
        path: { testId },
        query: { page: query.page, limit: query.limit, sort: query.sort, direction: query.direction, trashed: query.showTrashed },
      },
    }),
  );
}

export function findDatasets(testId: number, query: DatasetsQuery): Promise<ApiResult<DatasetsPage>> {
  return callApi((api) =>
    api.GET('/api/dataset/list/byTest/{testId}', {
      params: { path: { testId }, query: { page: query.page, limit: query.limit, sort: query.sort, direction: query.direction } },
    }),
  );
}

export async function findLabelValues(testId: number, query: LabelValuesQuery): Promise<ApiResult<LabelValuesPage>> {
  // Horreum counts label value pages from 0, and answers no total.
  const fetchRows = async (page: number, limit: number): Promise<ApiResult<LabelValuesRow[]>> => {
    const result = await callApi((api) =>
      api.GET('/api/test/{id}/labelValues', {
        params: {
          path: { id: testId },
          query: {
            page,
            limit,
            ...(query.sort ? { sort: query.sort, direction: query.direction } : {}),
            ...(query.fingerprint ? { fingerprint: query.fingerprint } : {}),
          },
        },
      }),
    );
    // The operation also answers CSV (`format=csv`); asked for JSON, it is an array.
    return result.isOk ? { isOk: true, data: Array.isArray(result.data) ? result.data : [] } : result;
  };
  const rows = await fetchRows(query.page - 1, query.limit);
  if (!rows.isOk || rows.data.length < query.limit) {
    return rows.isOk ? { isOk: true, data: { rows: rows.data, hasMore: false } } : rows;
  }
  // A full page: the first row of the next page (pages of one row each) says whether it exists.
  const next = await fetchRows(query.page * query.limit, 1);
  return { isOk: true, data: { rows: rows.data, hasMore: next.isOk && next.data.length > 0 } };
}

export async function findFingerprints(testId: number): Promise<ApiResult<FingerprintValue[][]>> {
  const result = await callApi((api) => api.GET('/api/test/{id}/fingerprint', { params: { path: { id: testId } } }));
  return result.isOk ? { isOk: true, data: result.data.map((f) => (f.values ?? []) as FingerprintValue[]) } : result;
}

export function findRecalculations(testId: number): Promise<ApiResult<Recalculation[]>> {
  return callApi((api) => api.GET('/api/test/{id}/recalculations', { params: { path: { id: testId } } }));
}

/** Every label name the caller may see (fingerprint and timeline labels are chosen among them). */
export function findLabelNames(): Promise<ApiResult<LabelInfo[]>> {
  return callApi((api) => api.GET('/api/schema/allLabels'));
}

export function findAllTransformers(): Promise<ApiResult<TransformerInfo[]>> {
  return callApi((api) => api.GET('/api/schema/allTransformers'));
}
