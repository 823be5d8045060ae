import type { paths, Schemas } from '@granary/api-client';
import { parsePaging, type Paging } from '../../lib/paging';
import { firstParam, type SearchParams } from '../../lib/search-params';

type ListTestsQuery = NonNullable<paths['/api/test']['get']['parameters']['query']>;
export type TestSortField = NonNullable<ListTestsQuery['sort']>;
export type SortDirection = Schemas['SortDirection'];

/** The columns of the test list a person can sort by; the API accepts a few more. */
export const TEST_SORT_FIELDS = ['name', 'description', 'owner'] as const satisfies readonly TestSortField[];
export type TestListSortField = (typeof TEST_SORT_FIELDS)[number];

/** What the test list shows, read from the URL: `?page=&limit=&sort=&direction=`. */
export interface TestListQuery extends Paging {
  sort: TestListSortField;
  direction: SortDirection;
}

/**
 * Reads the test list's view state from search params; anything unknown falls back to Horreum's
 * default order (by name, ascending) rather than failing.
 *
 * @example
 * parseTestListQuery({ sort: 'owner', direction: 'Descending', page: '2' })
 * // { page: 2, limit: 20, sort: 'owner', direction: 'Descending' }
 */
export function parseTestListQuery(params: SearchParams): TestListQuery {
  const sort = firstParam(params, 'sort');
  const direction = firstParam(params, 'direction');
  return {
    ...parsePaging(params),
    sort: TEST_SORT_FIELDS.find((field) => field === sort) ?? 'name',
    direction: direction === 'Descending' ? 'Descending' : 'Ascending',
  };
}
