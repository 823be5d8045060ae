/** Search params as Next.js hands them to a page (`?a=1&a=2` arrives as an array). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a search param, or undefined when absent. */
export function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A relative URL with some search params replaced, keeping the others: view state lives in the URL.
 *
 * @example
 * withSearchParams('/', { limit: '50', page: '3' }, { page: 1 }) // '/?limit=50&page=1'
 */
export function withSearchParams(
  pathname: string,
  current: SearchParams,
  changes: Record<string, string | number | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(current)) {
    if (name in changes) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      query.append(name, item);
    }
  }
  for (const [name, value] of Object.entries(changes)) {
    if (value !== undefined) {
      query.set(name, String(value));
    }
  }
  const search = query.toString();
  return search ? `${pathname}?${search}` : pathname;
}
