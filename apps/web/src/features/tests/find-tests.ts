import 'server-only';
import type { Schemas } from '@granary/api-client';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import type { TestListQuery } from './test-list-query';

export type TestPage = Schemas['TestQueryResult'];

/** One page of the tests the caller may see, in the order the URL asks for. */
export function findTests(query: TestListQuery): Promise<ApiResult<TestPage>> {
  return callApi((api) =>
    api.GET('/api/test', {
      // The URL counts pages from 1 as people do; Horreum's listTests counts them from 0.
      params: { query: { page: query.page - 1, limit: query.limit, sort: query.sort, direction: query.direction } },
    }),
  );
}
