import { describe, expect, it } from 'vitest';
import { accessOr, canonicalJson, extractorProblems, functionProblem, hasKnownUriScheme, jsonPathProblem, readJsonSchema } from './definitions';

describe("a schema URI's scheme", () => {
  it.each([
    ['urn:load:1.0', true],
    ['uri:my-schema:0.1', true],
    ['https://example.com/schema.json', true],
    ['http://example.com/s', true],
    ['ftp://host/s', true],
    ['file:///tmp/s.json', true],
    ['jar:file:/a.jar!/s.json', true],
    ['mailto:someone@example.com', false],
    ['load:1.0', false],
    ['urn', false],
    ['urn:', false],
    ['URN:load', false],
    ['', false],
  ])('%j is accepted: %s', (uri, ok) => {
    expect(hasKnownUriScheme(uri)).toBe(ok);
  });
});

describe('the JSON Schema of a schema, as stored', () => {
  it.each([
    [undefined, null],
    [null, null],
    [{}, null],
    ['', null],
    ['  ', null],
    ['{}', null],
    [42, null],
    [true, null],
    ['"text"', null],
    [[], null],
    [{ type: 'object' }, { type: 'object' }],
    ['{"type":"object","required":["a"]}', { type: 'object', required: ['a'] }],
  ])('%j is stored as %j', (value, stored) => {
    expect(readJsonSchema(value)).toEqual({ schema: stored });
  });

  it.each([['{"type":'], ['not json'], [[{ type: 'object' }]]])('%j is refused', (value) => {
    expect(readJsonSchema(value)).toHaveProperty('problem');
  });
});

describe('a JSONPath, before PostgreSQL parses it', () => {
  it.each([
    ['$.a.b', undefined],
    ['$', undefined],
    [' $.a[*] ? (@ > 1)', undefined],
    ['$."key with spaces"', undefined],
    ['strict $.a', 'must not start with "strict" or "lax": paths are always evaluated in lax mode'],
    ['lax $.a', 'must not start with "strict" or "lax": paths are always evaluated in lax mode'],
    ['LAX $.a', 'must not start with "strict" or "lax": paths are always evaluated in lax mode'],
    ['.a', 'must start with $'],
    ['a.b', 'must start with $'],
    ['', 'must not be empty'],
  ])('%j: %s', (path, problem) => {
    expect(jsonPathProblem(path)).toBe(problem);
  });
});

describe("a label's extractors", () => {
  it('are fine when named uniquely with plausible paths', () => {
    expect(extractorProblems([{ name: 'a', jsonpath: '$.a' }, { name: 'b', jsonpath: '$.b' }], '/extractors')).toEqual([]);
  });

  it('name each problem with a pointer', () => {
    expect(
      extractorProblems(
        [
          { name: 'a', jsonpath: '$.a' },
          { name: 'a', jsonpath: 'strict $.b' },
          { name: ' ', jsonpath: '$.c' },
        ],
        '/0/extractors',
      ),
    ).toEqual([
      { pointer: '/0/extractors/1/name', message: 'extractor name "a" is used twice' },
      { pointer: '/0/extractors/1/jsonpath', message: 'JSONPath "strict $.b" must not start with "strict" or "lax": paths are always evaluated in lax mode' },
      { pointer: '/0/extractors/2/name', message: 'an extractor needs a name' },
    ]);
  });
});

describe('a combination function', () => {
  it.each([
    [undefined, 0],
    [null, 0],
    ['v => v', 0],
    ['', 1],
    ['  \n', 1],
  ])('%j gives %i problem(s)', (fn, count) => {
    expect(functionProblem(fn, '/function')).toHaveLength(count);
  });
});

describe('access by name or ordinal', () => {
  it.each([
    ['PUBLIC', 'PUBLIC'],
    ['1', 'PROTECTED'],
    [2, 'PRIVATE'],
    [0, 'PUBLIC'],
    [undefined, 'PROTECTED'],
    [null, 'PROTECTED'],
  ] as const)('%j reads as %s (default PROTECTED)', (value, access) => {
    expect(accessOr(value, 'PROTECTED')).toBe(access);
  });
});

describe('comparing JSON documents', () => {
  it('ignores key order, not array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
