import { describe, expect, it } from 'vitest';
import { jsonSchemaFeedback, jsonSchemaText, schemaFormProblems, type SchemaFormValues } from './schema-form';
import { parseSchemaListQuery } from './schema-list-query';

const GOOD: SchemaFormValues = { name: 'Load', uri: 'urn:load:1.0', description: '', owner: 'perf-team', access: 'PUBLIC', jsonSchema: '' };

describe('schemaFormProblems', () => {
  it.each<[string, Partial<SchemaFormValues>, string[]]>([
    ['none for a good schema', {}, []],
    ['none for an https URI and a JSON Schema', { uri: 'https://example.com/load.json', jsonSchema: '{"type":"object"}' }, []],
    ['a blank name', { name: '  ' }, ['Enter a name.']],
    ['a URI without a scheme', { uri: 'load-1.0' }, ['A URI starts with a scheme, e.g. urn:my-benchmark:1.0.']],
    ['an unknown scheme', { uri: 'mailto:someone' }, ['A URI starts with a scheme, e.g. urn:my-benchmark:1.0.']],
    ['no owner', { owner: '' }, ['Choose the team that owns the schema.']],
    ['a broken JSON Schema', { jsonSchema: '{"type":' }, [expect.stringMatching(/^The JSON Schema is not valid: /) as unknown as string]],
  ])('%s', (_name, change, expected) => {
    expect(schemaFormProblems({ ...GOOD, ...change })).toEqual(expected);
  });
});

describe('jsonSchemaFeedback', () => {
  it.each([
    ['', { state: 'empty' }],
    ['  ', { state: 'empty' }],
    ['{"type": "object"}', { state: 'valid', value: { type: 'object' } }],
    ['[1]', { state: 'invalid', message: 'A JSON Schema is a JSON object ({ … }).' }],
    ['"x"', { state: 'invalid', message: 'A JSON Schema is a JSON object ({ … }).' }],
  ])('%j', (text, expected) => {
    expect(jsonSchemaFeedback(text)).toEqual(expected);
  });

  it('says where broken JSON is broken', () => {
    expect(jsonSchemaFeedback('{\n "a": }')).toEqual({ state: 'invalid', message: expect.stringMatching(/^Line 2, column \d+: /) });
  });
});

describe('jsonSchemaText', () => {
  it.each<[unknown, string]>([
    [undefined, ''],
    [{}, ''],
    ['', ''],
    [{ type: 'object' }, '{\n  "type": "object"\n}'],
    ['{"type":"object"}', '{\n  "type": "object"\n}'],
    ['not json', 'not json'],
  ])('%j', (schema, expected) => {
    expect(jsonSchemaText(schema)).toBe(expected);
  });
});

describe('parseSchemaListQuery', () => {
  it('reads the URL leniently', () => {
    expect(parseSchemaListQuery({ sort: 'uri', name: ' load ', direction: 'Descending', page: '2' })).toEqual({ page: 2, limit: 20, sort: 'uri', direction: 'Descending', name: 'load' });
    expect(parseSchemaListQuery({ sort: 'access' })).toEqual({ page: 1, limit: 20, sort: 'name', direction: 'Ascending', name: '' });
  });
});
