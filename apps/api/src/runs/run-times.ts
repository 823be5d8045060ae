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

/** A JSONPath of member names only (`$.info.start`), which Granary reads without PostgreSQL. */
export function isMemberPath(path: string): boolean {
  return SIMPLE_MEMBER_PATH.test(path);
}

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
 * one pass: for a text JSON.parse accepts, the same as walking the parsed value, without
 * allocating anything.
 */
export function jsonTextDepth(text: string): number {
  return scanJsonText(text, []).depth;
}

/** What {@link scanJsonText} read from a JSON text. */
export interface JsonTextScan {
  /** How deeply the text nests objects and arrays (a root object is 1). */
  depth: number;
  /** Per path asked for, what {@link simpleJsonPathValue} would answer on the parsed text. */
  values: ({ found: true; value: unknown } | { found: false })[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const NINE = 0x39;

/** A path being read: its member names, and where its value is in the text. */
interface PathReading {
  names: string[];
  /** 'missing' until its last member is seen; 'unreadable' when it crosses an array (lax mode would look inside). */
  state: 'missing' | 'reading' | 'read' | 'unreadable';
  /** The depth of the object holding the last member, and where its value starts and ends. */
  depth: number;
  start: number;
  end: number;
}

/**
 * Reads, in one pass over a JSON text and without parsing it, how deeply it nests and the values
 * of member-name paths (`$.start`, `$.info.startTime`) that go through objects only: so that an
 * upload need not parse its document at all (PostgreSQL parses it once, into `jsonb`). The
 * values are what {@link simpleJsonPathValue} answers on the parsed text (a missing member is
 * null; a repeated member's last value wins, as in JSON.parse and `jsonb`). A path it cannot read
 * that way (through an array, where lax mode looks into elements; a root that is not an object;
 * any other JSONPath) comes back `{ found: false }`, for the caller to parse the document.
 * The text is assumed to be JSON; for one that is not, the values are unspecified (the database
 * refuses the text anyway).
 */
export function scanJsonText(text: string, paths: readonly string[]): JsonTextScan {
  const readings: PathReading[] = [];
  const readingOf = paths.map((path) => {
    if (!SIMPLE_MEMBER_PATH.test(path)) return undefined;
    const reading: PathReading = { names: path.slice(2).split('.'), state: 'missing', depth: 0, start: -1, end: -1 };
    readings.push(reading);
    return reading;
  });
  // The hot loop keeps its state in locals (no closures over them) and hands the rare events, a
  // member on the way of a path and the start and end of its value, to the functions below.
  // names[d - 1]: the member the scan is inside of at depth d, for the objects on the way of a
  // path (those up to onPathDepth: only their members' names are read).
  const names: string[] = [];
  const isObject: boolean[] = [false]; // isObject[d]: the container open at depth d is an object
  const length = text.length;
  let onPathDepth = 0;
  let depth = 0;
  let deepest = 0;
  let expectKey = false;
  let memberOnPath = false; // the member just named is on the way of some path: its value comes next
  let open = 0; // readings whose value has started and not ended
  let i = 0;
  while (i < length && text.charCodeAt(i) <= 0x20) i++;
  const rootIsObject = text.charCodeAt(i) === OPEN_OBJECT;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= MINUS && c <= NINE) {
      // Within a number (the most frequent characters outside strings); or the start of one.
      if (memberOnPath) {
        open += startReadings(readings, names, depth, i);
        memberOnPath = false;
      }
    } else if (c === QUOTE) {
      // A string: jump to its closing quote (a native search, not a loop over its characters),
      // the first one after an even number of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let backslashes = 0;
        for (let j = end - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) break; // not JSON
      if (expectKey) {
        if (depth === onPathDepth && readings.length > 0) memberOnPath = nameMember(readings, names, depth, text, i, end);
      } else if (memberOnPath) {
        open += startReadings(readings, names, depth, i);
        memberOnPath = false;
      }
      i = end;
    } else if (c === COLON) {
      expectKey = false;
    } else if (c === COMMA) {
      if (open > 0) open -= endReadings(readings, depth, i);
      expectKey = isObject[depth]!;
      memberOnPath = false;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const object = c === OPEN_OBJECT;
      if (depth === 0) {
        if (object) onPathDepth = 1;
      } else if (memberOnPath) {
        // The value of a member on the way of a path: an object continues it; an array is
        // where lax mode would look into elements, which this scan leaves to the parser.
        if (object) onPathDepth = depth + 1;
        else markUnreadableBelow(readings, names, depth);
        open += startReadings(readings, names, depth, i);
        memberOnPath = false;
      }
      depth++;
      isObject[depth] = object;
      expectKey = object;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (open > 0) open -= endReadings(readings, depth, i);
      if (onPathDepth === depth) onPathDepth = depth - 1;
      depth--;
      expectKey = false;
      memberOnPath = false;
      if (open > 0) open -= endReadings(readings, depth, i + 1);
    } else if (c > 0x20 && memberOnPath) {
      // true, false or null
      open += startReadings(readings, names, depth, i);
      memberOnPath = false;
    }
  }
  const values = readingOf.map((r): JsonTextScan['values'][number] => {
    if (!r || !rootIsObject || r.state === 'unreadable' || r.state === 'reading') return { found: false };
    if (r.state === 'missing') return { found: true, value: null };
    try {
      return { found: true, value: JSON.parse(text.slice(r.start, r.end)) };
    } catch {
      return { found: false };
    }
  });
  return { depth: deepest, values };
}

/**
 * A member named by the string from `open` to `close` (its quotes), in an object at `depth` on
 * the way of a path: whether some path goes through it or ends with it.
 */
function nameMember(readings: PathReading[], names: string[], depth: number, text: string, open: number, close: number): boolean {
  const raw = text.slice(open + 1, close);
  const name = raw.includes('\\') ? decodeJsonString(text.slice(open, close + 1)) : raw;
  names[depth - 1] = name;
  let onPath = false;
  for (const r of readings) {
    if (r.names.length >= depth && r.names[depth - 1] === name && prefixMatches(r.names, names, depth - 1)) {
      // A repeated member replaces all an earlier one held.
      r.state = 'missing';
      onPath = true;
    }
  }
  return onPath;
}

/** The value of the member just named starts at `at`: the readings of paths ending with it start. */
function startReadings(readings: PathReading[], names: string[], depth: number, at: number): number {
  let started = 0;
  for (const r of readings) {
    if (r.names.length === depth && prefixMatches(r.names, names, depth)) {
      r.state = 'reading';
      r.depth = depth;
      r.start = at;
      started++;
    }
  }
  return started;
}

/** At `at` (a comma, or just before or after a closing bracket), the values read at `depth` end. */
function endReadings(readings: PathReading[], depth: number, at: number): number {
  let ended = 0;
  for (const r of readings) {
    if (r.state === 'reading' && r.depth === depth) {
      r.state = 'read';
      r.end = at;
      ended++;
    }
  }
  return ended;
}

/** The member just named holds an array: paths going on below it cannot be read here. */
function markUnreadableBelow(readings: PathReading[], names: string[], depth: number): void {
  for (const r of readings) {
    if (r.names.length > depth && prefixMatches(r.names, names, depth)) r.state = 'unreadable';
  }
}

function prefixMatches(wanted: readonly string[], seen: readonly string[], length: number): boolean {
  for (let k = 0; k < length; k++) {
    if (wanted[k] !== seen[k]) return false;
  }
  return true;
}

function decodeJsonString(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted;
  }
}
