/**
 * Rules for schema, label and transformer definitions that need no database: Horreum's checks
 * (SchemaServiceImpl: URI schemes, empty JSON schema → none, extractor names and paths), plus
 * what Granary adds (unique extractor names, non-empty functions). The database then checks
 * that each JSONPath parses (see SchemasRepository.jsonPathErrors).
 */
import { parseAccess } from '../runs/run-times';
import type { AccessValue } from '../tests/dto/test.dto';

export interface Extractor {
  name: string;
  jsonpath: string;
  isarray: boolean;
}

export interface FieldProblem {
  pointer: string;
  message: string;
}

/** Ids are PostgreSQL `integer`s: a larger number names nothing (rather than failing the query). */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
}

/** Horreum's accepted URI schemes (the `schema_uri_scheme` CHECK constraint says the same). */
export const URI_SCHEMES = ['urn', 'uri', 'http', 'https', 'ftp', 'file', 'jar'] as const;

/** @example hasKnownUriScheme('urn:load:1.0') // true */
export function hasKnownUriScheme(uri: string): boolean {
  return URI_SCHEMES.some((scheme) => uri.startsWith(`${scheme}:`)) && uri.length > uri.indexOf(':') + 1;
}

/**
 * The JSON Schema to store. As Horreum: nothing, an empty object and any scalar mean "no JSON
 * Schema" (null). Horreum's OpenAPI types it as a string, so text holding JSON is read as that
 * JSON; text that is not JSON is refused rather than silently dropped.
 *
 * @example readJsonSchema('{"type":"object"}') // { schema: { type: 'object' } }
 */
export function readJsonSchema(value: unknown): { schema: Record<string, unknown> | null } | { problem: string } {
  if (typeof value === 'string') {
    if (value.trim() === '') {
      return { schema: null };
    }
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'string' ? { schema: null } : readJsonSchema(parsed);
    } catch {
      return { problem: 'must be a JSON Schema object (or text holding one)' };
    }
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? { schema: null } : { problem: 'must be a JSON Schema object, not an array' };
  }
  if (value && typeof value === 'object') {
    return Object.keys(value).length === 0 ? { schema: null } : { schema: value as Record<string, unknown> };
  }
  return { schema: null };
}

/**
 * What is wrong with a JSONPath before PostgreSQL parses it. Horreum always evaluates in lax
 * mode and refuses a `strict`/`lax` prefix, and a path must start at the root `$`.
 *
 * @example jsonPathProblem('strict $.a') // 'must not start with "strict" or "lax": paths are always evaluated in lax mode'
 */
export function jsonPathProblem(path: string): string | undefined {
  const text = path.trim();
  if (text === '') {
    return 'must not be empty';
  }
  if (/^(strict|lax)\b/i.test(text)) {
    return 'must not start with "strict" or "lax": paths are always evaluated in lax mode';
  }
  if (!text.startsWith('$')) {
    return 'must start with $';
  }
  return undefined;
}

/** Extractor names present and unique, paths plausible; pointers under `pointer` (e.g. `/0/extractors`). */
export function extractorProblems(extractors: readonly { name?: string; jsonpath?: string }[], pointer: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  extractors.forEach((extractor, i) => {
    const name = extractor.name?.trim() ?? '';
    if (name === '') {
      problems.push({ pointer: `${pointer}/${i}/name`, message: 'an extractor needs a name' });
    } else if (seen.has(name)) {
      problems.push({ pointer: `${pointer}/${i}/name`, message: `extractor name "${name}" is used twice` });
    }
    seen.add(name);
    const pathProblem = jsonPathProblem(extractor.jsonpath ?? '');
    if (pathProblem) {
      problems.push({ pointer: `${pointer}/${i}/jsonpath`, message: `JSONPath ${JSON.stringify(extractor.jsonpath ?? '')} ${pathProblem}` });
    }
  });
  return problems;
}

/** A function, when given, is non-empty text (its syntax is the sandbox's to judge at run time). */
export function functionProblem(fn: string | null | undefined, pointer: string): FieldProblem[] {
  return typeof fn === 'string' && fn.trim() === '' ? [{ pointer, message: 'must not be empty; leave it out for no function' }] : [];
}

export function toExtractors(input: readonly { name: string; jsonpath: string; isarray?: boolean }[] | null | undefined): Extractor[] {
  return (input ?? []).map((e) => ({ name: e.name.trim(), jsonpath: e.jsonpath.trim(), isarray: e.isarray ?? false }));
}

/** Horreum's access: a name or its ordinal, or `fallback` when not given. */
export function accessOr(value: string | number | null | undefined, fallback: AccessValue): AccessValue {
  return value === undefined || value === null ? fallback : (parseAccess(String(value)) ?? fallback);
}

/** JSON with object keys sorted, to compare documents whatever their key order (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      return v.map(sort);
    }
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value ?? null));
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A text field as stored: absent, null and blank all mean none. */
export function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
