import { firstParam, type SearchParams } from './search-params';

/** Rows per page offered by every paginated list; the API caps `limit` at the largest. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
// Beyond any real list; keeps `page * limit` a safe integer for the API's offset.
const MAX_PAGE = 1_000_000;

/** One page of a list: `page` counts from 1, as in Horreum's API and PatternFly's Pagination. */
export interface Paging {
  page: number;
  limit: number;
}

/**
 * Reads `?page=&limit=` leniently: a missing or malformed value falls back to the default and an
 * out-of-range one is clamped, so a hand-edited URL still shows a list instead of an error.
 *
 * @example
 * parsePaging({ page: '3', limit: '500' }) // { page: 3, limit: 100 }
 */
export function parsePaging(params: SearchParams): Paging {
  return {
    page: clamp(parseWholeNumber(firstParam(params, 'page')) ?? 1, 1, MAX_PAGE),
    limit: clamp(parseWholeNumber(firstParam(params, 'limit')) ?? DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
  };
}

/** The last page that has rows (1 for an empty list). */
export function lastPage(count: number, limit: number): number {
  return Math.max(1, Math.ceil(count / limit));
}

function parseWholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[+-]?\d+\s*$/.test(value)) {
    return undefined;
  }
  const parsed = Number.parseInt(value, 10);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
