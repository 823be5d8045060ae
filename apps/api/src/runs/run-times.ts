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
