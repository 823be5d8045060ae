/**
 * Horreum's time formats for run start/stop: epoch milliseconds (number or digit string),
 * `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDThh:mm:ss` (UTC), or ISO-8601 with a zone or offset.
 *
 * @example parseRunTime('2023-10-23T00:13:35Z') // Date(2023-10-23T00:13:35.000Z)
 */
export function parseRunTime(value: unknown): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return validDate(new Date(value));
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim();
  if (/^-?\d+$/.test(text)) {
    return validDate(new Date(Number(text)));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return validDate(new Date(`${text}T00:00:00Z`));
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) {
    return validDate(new Date(`${text}Z`));
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    return validDate(new Date(text));
  }
  return undefined;
}

function validDate(d: Date): Date | undefined {
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A query value that names a place in the document rather than a value (`$.startTime`). */
export function isJsonPath(value: string): boolean {
  return value.startsWith('$.') || value === '$';
}

/** `$.a.b.c`: member names only, which every JSONPath dialect reads alike. */
const SIMPLE_MEMBER_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * The value PostgreSQL's `jsonb_path_query_first(document, path)` (lax mode) gives for a path of
 * member names only (`$.start`, `$.info.startTime`), computed on the parsed document so that an
 * upload's document is not parsed by PostgreSQL a second time; `{ found: false }` for any other
 * path (PostgreSQL evaluates those). Lax mode looks into arrays: `$.start` on `[{"start": 1}]` is 1.
 * A missing member is null, as PostgreSQL answers.
 */
export function simpleJsonPathValue(document: unknown, path: string): { found: true; value: unknown } | { found: false } {
  if (!SIMPLE_MEMBER_PATH.test(path)) {
    return { found: false };
  }
  let current: unknown[] = [document];
  for (const name of path.slice(2).split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      for (const element of Array.isArray(item) ? item : [item]) {
        if (element !== null && typeof element === 'object' && !Array.isArray(element) && Object.prototype.hasOwnProperty.call(element, name)) {
          next.push((element as Record<string, unknown>)[name]);
        }
      }
    }
    current = next;
  }
  return { found: true, value: current.length > 0 ? current[0] : null };
}

/** Horreum's access parameter: a name or its ordinal. */
export function parseAccess(value: string | undefined): 'PUBLIC' | 'PROTECTED' | 'PRIVATE' | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const byOrdinal = ['PUBLIC', 'PROTECTED', 'PRIVATE'] as const;
  if (/^[0-2]$/.test(value)) {
    return byOrdinal[Number(value)];
  }
  const upper = value.toUpperCase();
  return (byOrdinal as readonly string[]).includes(upper) ? (upper as (typeof byOrdinal)[number]) : undefined;
}

/** Horreum's `schema` parameter: overwrite `$schema` on an object root, or set it on array elements lacking one. */
export function applySchemaUri(document: unknown, uri: string | undefined): unknown {
  if (!uri) {
    return document;
  }
  if (Array.isArray(document)) {
    return document.map((el) => (el && typeof el === 'object' && !Array.isArray(el) && !('$schema' in el) ? { ...el, $schema: uri } : el));
  }
  if (document && typeof document === 'object') {
    return { ...(document as object), $schema: uri };
  }
  return document;
}

/**
 * How deeply a JSON text nests objects and arrays (a root object is 1), read from the text in
 * one pass: for a text JSON.parse accepted, the same as walking the parsed value, without
 * allocating anything.
 */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: jump to its closing quote (a native search, not a loop over its characters),
      // the first one after an even number of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let backslashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) {
        return deepest; // not JSON (the parser has refused it already)
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return deepest;
}
