/**
 * A positive id from a URL segment (`/tests/12`), or undefined for anything else (`12a`, `0`,
 * `-3`, a number past int32), so a mistyped address shows "not found" instead of an API error.
 *
 * @example
 * parseId('42') // 42
 * parseId('4e2') // undefined
 */
export function parseId(segment: string | undefined): number | undefined {
  if (!segment || !/^\d{1,10}$/.test(segment)) {
    return undefined;
  }
  const id = Number(segment);
  return id >= 1 && id <= 2_147_483_647 ? id : undefined;
}
