import { parseJsonText } from '../../lib/json-text';

/** The schema form as typed. */
export interface SchemaFormValues {
  name: string;
  uri: string;
  description: string;
  owner: string;
  access: 'PUBLIC' | 'PROTECTED' | 'PRIVATE';
  /** The JSON Schema as text; empty for none. */
  jsonSchema: string;
}

// The URI schemes the API accepts for a schema URI.
const URI_SCHEMES = ['urn', 'uri', 'http', 'https', 'ftp', 'file', 'jar'];

/** What the JSON Schema field says about its text: nothing typed, valid, or where it is broken. */
export type JsonSchemaFeedback = { state: 'empty' } | { state: 'valid'; value: Record<string, unknown> } | { state: 'invalid'; message: string };

/**
 * Checks the JSON Schema field as a person types: it must be a JSON object (or nothing).
 *
 * @example
 * jsonSchemaFeedback('{"type": "object"}') // { state: 'valid', value: { type: 'object' } }
 * jsonSchemaFeedback('[1]') // { state: 'invalid', message: 'A JSON Schema is a JSON object ({ … }).' }
 */
export function jsonSchemaFeedback(text: string): JsonSchemaFeedback {
  if (text.trim() === '') {
    return { state: 'empty' };
  }
  const parsed = parseJsonText(text);
  if (!parsed.isOk) {
    return { state: 'invalid', message: parsed.message };
  }
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    return { state: 'invalid', message: 'A JSON Schema is a JSON object ({ … }).' };
  }
  return { state: 'valid', value: parsed.value as Record<string, unknown> };
}

/**
 * What must be fixed before the schema can be saved, one sentence each.
 *
 * @example
 * schemaFormProblems({ name: '', uri: 'load', description: '', owner: '', access: 'PUBLIC', jsonSchema: '' })
 * // ['Enter a name.', 'A URI starts with a scheme, e.g. urn:my-benchmark:1.0.', 'Choose the team that owns the schema.']
 */
export function schemaFormProblems(values: SchemaFormValues): string[] {
  const problems: string[] = [];
  if (!values.name.trim()) {
    problems.push('Enter a name.');
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\S+$/i.exec(values.uri.trim())?.[1]?.toLowerCase();
  if (!scheme || !URI_SCHEMES.includes(scheme)) {
    problems.push('A URI starts with a scheme, e.g. urn:my-benchmark:1.0.');
  }
  if (!values.owner) {
    problems.push('Choose the team that owns the schema.');
  }
  const feedback = jsonSchemaFeedback(values.jsonSchema);
  if (feedback.state === 'invalid') {
    problems.push(`The JSON Schema is not valid: ${feedback.message}`);
  }
  return problems;
}

/**
 * The JSON Schema as the API answers it (an object, or a string holding JSON, as Horreum
 * documents it), as text for the field.
 *
 * @example
 * jsonSchemaText({ type: 'object' }) // '{\n  "type": "object"\n}'
 */
export function jsonSchemaText(schema: unknown): string {
  if (schema === undefined || schema === null || schema === '') {
    return '';
  }
  if (typeof schema === 'string') {
    const parsed = parseJsonText(schema);
    return parsed.isOk ? jsonSchemaText(parsed.value) : schema;
  }
  if (typeof schema === 'object' && !Array.isArray(schema) && Object.keys(schema).length === 0) {
    return '';
  }
  return JSON.stringify(schema, null, 2);
}
