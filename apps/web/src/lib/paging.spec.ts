import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, lastPage, parsePaging } from './paging';
import type { SearchParams } from './search-params';

describe('parsePaging', () => {
  it.each<[string, SearchParams, { page: number; limit: number }]>([
    ['defaults when both are absent', {}, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['reads both values', { page: '3', limit: '50' }, { page: 3, limit: 50 }],
    ['tolerates surrounding spaces and a plus sign', { page: ' 2 ', limit: '+10' }, { page: 2, limit: 10 }],
    ['takes the first of repeated values', { page: ['4', '9'], limit: ['10', '100'] }, { page: 4, limit: 10 }],
    ['raises page 0 to the first page', { page: '0' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['raises a negative page to the first page', { page: '-7' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['falls back on a non-numeric page', { page: 'abc' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['falls back on a fractional page', { page: '2.5' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['falls back on an empty page', { page: '' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['falls back on exponent notation', { page: '1e3' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['falls back on a page beyond safe integers', { page: '99999999999999999999' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['caps a large page', { page: '5000000' }, { page: 1_000_000, limit: DEFAULT_PAGE_SIZE }],
    ['caps the limit at 100', { limit: '500' }, { page: 1, limit: 100 }],
    ['raises limit 0 to 1', { limit: '0' }, { page: 1, limit: 1 }],
    ['falls back on a non-numeric limit', { limit: 'all' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
    ['ignores unrelated params', { sort: 'name', q: 'x' }, { page: 1, limit: DEFAULT_PAGE_SIZE }],
  ])('%s', (_name, params, expected) => {
    expect(parsePaging(params)).toEqual(expected);
  });
});

describe('lastPage', () => {
  it.each([
    [0, 20, 1],
    [1, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [95, 10, 10],
  ])('%i rows at %i per page end on page %i', (count, limit, expected) => {
    expect(lastPage(count, limit)).toBe(expected);
  });
});
