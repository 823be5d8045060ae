import { describe, expect, it } from 'vitest';
import type { SearchParams } from '../../lib/search-params';
import { parseTestListQuery, type TestListQuery } from './test-list-query';

describe('parseTestListQuery', () => {
  it.each<[string, SearchParams, TestListQuery]>([
    ['defaults to the first page by name, ascending', {}, { page: 1, limit: 20, sort: 'name', direction: 'Ascending' }],
    [
      'reads every param',
      { page: '2', limit: '50', sort: 'owner', direction: 'Descending' },
      { page: 2, limit: 50, sort: 'owner', direction: 'Descending' },
    ],
    ['sorts by description', { sort: 'description' }, { page: 1, limit: 20, sort: 'description', direction: 'Ascending' }],
    ['ignores a column it cannot sort by', { sort: 'access' }, { page: 1, limit: 20, sort: 'name', direction: 'Ascending' }],
    ['ignores an unknown direction', { direction: 'sideways' }, { page: 1, limit: 20, sort: 'name', direction: 'Ascending' }],
    ['is case-sensitive like the API', { direction: 'descending' }, { page: 1, limit: 20, sort: 'name', direction: 'Ascending' }],
    [
      'takes the first of repeated values',
      { sort: ['owner', 'name'], direction: ['Descending', 'Ascending'] },
      { page: 1, limit: 20, sort: 'owner', direction: 'Descending' },
    ],
  ])('%s', (_name, params, expected) => {
    expect(parseTestListQuery(params)).toEqual(expected);
  });
});
