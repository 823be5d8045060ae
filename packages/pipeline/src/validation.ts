import Ajv, { type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** A validation failure as stored on a run or dataset (Horreum's ValidationError.error shape). */
export interface ValidationErrorDetail {
  type: string;
  message: string;
  path?: string;
  schemaLocation?: string;
  instanceLocation?: string;
  arguments?: unknown[];
}

type Dialect = 'draft-04' | 'draft-07' | '2019-09' | '2020-12';

function dialectOf(schema: unknown): Dialect {
  const declared = schema !== null && typeof schema === 'object' ? String((schema as Record<string, unknown>).$schema ?? '') : '';
  if (declared.includes('draft-04')) return 'draft-04';
  if (declared.includes('2019-09')) return '2019-09';
  if (declared.includes('2020-12')) return '2020-12';
  return 'draft-07';
}

function newAjv(dialect: Dialect): Ajv {
  const options = { strict: false, allErrors: true, validateSchema: false, logger: false } as const;
  const ajv =
    dialect === 'draft-04' ? new AjvDraft04(options) : dialect === '2019-09' ? new Ajv2019(options) : dialect === '2020-12' ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  return ajv as Ajv;
}

/**
 * Validates documents against Granary schemas' JSON Schemas with ajv. A JSON Schema may `$ref`
 * another Granary schema by its URI: `resolve` supplies those. Compiled validators are cached
 * by (schema id, version); a validator that cannot be compiled reports one "Invalid schema"
 * error per document instead of throwing.
 */
export class SchemaValidator {
  private readonly cache = new Map<string, ValidateFunction | Error>();

  validate(
    key: { id: number; version: string },
    jsonSchema: unknown,
    document: unknown,
    resolve: (uri: string) => unknown = () => undefined,
  ): ValidationErrorDetail[] {
    const cacheKey = `${key.id}@${key.version}`;
    let validator = this.cache.get(cacheKey);
    if (!validator) {
      validator = this.compile(jsonSchema, resolve);
      if (this.cache.size > 500) {
        this.cache.clear();
      }
      this.cache.set(cacheKey, validator);
    }
    if (validator instanceof Error) {
      return [{ type: 'Invalid schema', message: validator.message }];
    }
    if (validator(document)) {
      return [];
    }
    return (validator.errors ?? []).map(detailOf);
  }

  private compile(jsonSchema: unknown, resolve: (uri: string) => unknown): ValidateFunction | Error {
    try {
      const ajv = newAjv(dialectOf(jsonSchema));
      for (const uri of externalRefs(jsonSchema)) {
        const referenced = resolve(uri);
        if (referenced !== undefined && !ajv.getSchema(uri)) {
          ajv.addSchema({ ...(referenced as Record<string, unknown>), $id: uri } as AnySchema, uri);
        }
      }
      const { $id: _ignored, ...withoutId } = jsonSchema as Record<string, unknown>;
      return ajv.compile(withoutId as AnySchema);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

function detailOf(error: ErrorObject): ValidationErrorDetail {
  return {
    type: error.keyword,
    message: `${error.instancePath || '$'} ${error.message ?? 'is invalid'}`,
    path: error.instancePath || '$',
    instanceLocation: error.instancePath,
    schemaLocation: error.schemaPath,
    arguments: Object.values(error.params ?? {}),
  };
}

/** `$ref`s that name another document (not `#...`), without their fragment. */
export function externalRefs(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    schema.forEach((s) => externalRefs(s, found));
  } else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        found.add(value.split('#')[0]!);
      } else {
        externalRefs(value, found);
      }
    }
  }
  return found;
}
