import { describe, expect, it } from 'vitest';
import { firstParam, withSearchParams, type SearchParams } from './search-params';

describe('firstParam', () => {
  it.each<[SearchParams, string | undefined]>([
    [{}, undefined],
    [{ page: '2' }, '2'],
    [{ page: ['3', '4'] }, '3'],
    [{ page: [] }, undefined],
  ])('reads %j as %j', (params, expected) => {
    expect(firstParam(params, 'page')).toBe(expected);
  });
});

describe('withSearchParams', () => {
  it.each<[string, SearchParams, Record<string, string | number | undefined>, string]>([
    ['adds params to a bare path', {}, { page: 2 }, '/?page=2'],
    ['replaces a param and keeps the others', { limit: '50', page: '3' }, { page: 1 }, '/?limit=50&page=1'],
    ['keeps repeated params it does not change', { folder: ['a', 'b'] }, { page: 2 }, '/?folder=a&folder=b&page=2'],
    ['removes a param set to undefined', { page: '2', sort: 'name' }, { sort: undefined }, '/?page=2'],
    ['answers the bare path when nothing is left', { page: '2' }, { page: undefined }, '/'],
    ['encodes values', {}, { q: 'a b&c' }, '/?q=a+b%26c'],
  ])('%s', (_name, current, changes, expected) => {
    expect(withSearchParams('/', current, changes)).toBe(expected);
  });
});
