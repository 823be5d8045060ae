/**
 * Label value filters as Horreum's clients send them, parsed outside SQL so that nothing a caller
 * writes is ever part of a statement's text: names and values travel as parameters.
 */

export type JsonObject = Record<string, unknown>;

/** A parsed `filter` parameter. */
export interface LabelFilter {
  /** The dataset's label values must contain this object (`@>`); undefined: no containment test. */
  contains?: JsonObject;
  /** multiFilter: the value of `name` must equal one of `values`. */
  anyOf: { name: string; values: unknown[] }[];
  /** A JSONPath over the label values object that must find something (`@?`); checked by PostgreSQL. */
  jsonPath?: string;
}

export class FilterError extends Error {
  override name = 'FilterError';
}

const NO_FILTER: LabelFilter = { anyOf: [] };

/**
 * Horreum's `filter`: empty or `{}` → nothing; a JSON object → containment, where with
 * `multiFilter` an array value means "any of these"; a JSONPath (`$.…`, bare or JSON-quoted) →
 * must find something in the label values.
 *
 * @example parseLabelFilter('{"arch":["x86","arm"]}', true) // { anyOf: [{ name: 'arch', values: ['x86', 'arm'] }] }
 */
export function parseLabelFilter(text: string | undefined, multiFilter = false): LabelFilter {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '' || trimmed === '{}' || trimmed === '""') {
    return NO_FILTER;
  }
  if (trimmed.startsWith('$')) {
    return { anyOf: [], jsonPath: trimmed };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new FilterError('filter must be a JSON object or a JSONPath starting with $');
  }
  if (typeof parsed === 'string' && parsed.trim().startsWith('$')) {
    return { anyOf: [], jsonPath: parsed.trim() };
  }
  if (!isObject(parsed)) {
    throw new FilterError('filter must be a JSON object or a JSONPath starting with $');
  }
  const contains: JsonObject = {};
  const anyOf: LabelFilter['anyOf'] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (multiFilter && Array.isArray(value)) {
      anyOf.push({ name, values: value });
    } else {
      contains[name] = value;
    }
  }
  return { ...(Object.keys(contains).length > 0 ? { contains } : {}), anyOf };
}

/**
 * Granary's `fingerprint` parameter: a JSON object compared for equality with the dataset's
 * fingerprint. Fingerprints hold their values as text (Horreum's shape), so `{"cpus": 4}` is read
 * as `{"cpus": "4"}`.
 */
export function parseFingerprint(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FilterError('fingerprint must be a JSON object');
  }
  if (!isObject(parsed)) {
    throw new FilterError('fingerprint must be a JSON object');
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, fingerprintText(v)]));
}

/** How Horreum writes a fingerprint value: strings as they are, anything else as its JSON text. */
export function fingerprintText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Horreum's `FingerprintValue` tree: an object value becomes children, anything else a value. */
export interface FingerprintValue {
  name: string;
  value?: unknown;
  children?: FingerprintValue[];
}

/**
 * @example fingerprintValues({ arch: 'x86', cfg: { jvm: '21' } })
 * // [{ name: 'arch', value: 'x86' }, { name: 'cfg', children: [{ name: 'jvm', value: '21' }] }]
 */
export function fingerprintValues(fingerprint: JsonObject): FingerprintValue[] {
  return Object.entries(fingerprint).map(([name, value]) => (isObject(value) ? { name, children: fingerprintValues(value) } : { name, value }));
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
