/** A label's or transformer's extractor: a PostgreSQL jsonpath (lax) and whether all matches are wanted. */
export interface Extractor {
  name: string;
  jsonpath: string;
  isarray: boolean;
}

/**
 * What a label's function receives (and a label without a function stores): nothing extracted
 * gives `{}`, one extractor its value, several an object keyed by extractor name. A missing
 * value is `null`.
 */
export function labelInput(extractors: readonly Extractor[], values: readonly unknown[]): unknown {
  if (extractors.length === 0) {
    return {};
  }
  if (extractors.length === 1) {
    return values[0] ?? null;
  }
  return Object.fromEntries(extractors.map((e, i) => [e.name, values[i] ?? null]));
}

/** Checks the stored extractors column (jsonb) and returns typed extractors. */
export function parseExtractors(value: unknown): Extractor[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((e): e is Extractor => e !== null && typeof e === 'object' && typeof (e as Extractor).jsonpath === 'string')
    .map((e) => ({ name: String(e.name ?? ''), jsonpath: e.jsonpath, isarray: Boolean(e.isarray) }));
}
