import { describe, expect, it } from 'vitest';
import { applySchemaUri, jsonTextDepth, parseAccess, parseRunTime, simpleJsonPathValue } from './run-times';

describe('parseRunTime', () => {
  it.each([
    [1698019215000, '2023-10-23T00:00:15.000Z'],
    ['1698019215000', '2023-10-23T00:00:15.000Z'],
    ['2023-10-23', '2023-10-23T00:00:00.000Z'],
    ['2023-10-23T00:13:35', '2023-10-23T00:13:35.000Z'],
    ['2023-10-23T00:13:35Z', '2023-10-23T00:13:35.000Z'],
    ['2023-10-23T02:13:35+02:00', '2023-10-23T00:13:35.000Z'],
    ['2023-10-23T00:13:35.250Z', '2023-10-23T00:13:35.250Z'],
  ])('reads %j', (input, iso) => {
    expect(parseRunTime(input)?.toISOString()).toBe(iso);
  });

  it.each([['yesterday'], ['2023-13-45'], [null], [{}], [''], ['2023-10-23 00:13']])('refuses %j', (input) => {
    expect(parseRunTime(input)).toBeUndefined();
  });
});

describe('parseAccess', () => {
  it.each([
    ['0', 'PUBLIC'],
    ['2', 'PRIVATE'],
    ['protected', 'PROTECTED'],
    ['PUBLIC', 'PUBLIC'],
    ['3', undefined],
    ['secret', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (input, expected) => {
    expect(parseAccess(input)).toBe(expected);
  });
});

describe('applySchemaUri', () => {
  it('overwrites $schema on an object and fills it on array elements lacking one', () => {
    expect(applySchemaUri({ $schema: 'old', a: 1 }, 'urn:new')).toEqual({ $schema: 'urn:new', a: 1 });
    expect(applySchemaUri([{ a: 1 }, { $schema: 'keep' }, 3], 'urn:new')).toEqual([{ a: 1, $schema: 'urn:new' }, { $schema: 'keep' }, 3]);
    expect(applySchemaUri({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});

describe('simpleJsonPathValue (what PostgreSQL answers in lax mode)', () => {
  it.each<[string, unknown, unknown]>([
    ['$.start', { start: 1700000000000 }, 1700000000000],
    ['$.info.start', { info: { start: '2024-01-01T00:00:00Z' } }, '2024-01-01T00:00:00Z'],
    ['$.start', { other: 1 }, null],
    ['$.start', [{ start: 5 }, { start: 6 }], 5],
    ['$.a.b', { a: [{ x: 1 }, { b: 2 }] }, 2],
    ['$.a', { a: null }, null],
    ['$.a', { a: [1, 2] }, [1, 2]],
    ['$.a.b', { a: 3 }, null],
  ])('%s on %j is %j', (path, document, expected) => {
    expect(simpleJsonPathValue(document, path)).toEqual({ found: true, value: expected });
  });

  it.each(['$', '$.a[0]', '$."a b"', '$.a.*', '$.a ? (@ > 1)', '$..a', 'lax $.a'])('leaves %s to PostgreSQL', (path) => {
    expect(simpleJsonPathValue({ a: 1 }, path)).toEqual({ found: false });
  });
});

describe('jsonTextDepth', () => {
  /** The reference: walk the parsed value. */
  const walked = (value: unknown): number =>
    value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(walked)) : 0;

  it.each([
    ['1'],
    ['"text"'],
    ['[]'],
    ['{}'],
    ['{"a": [1, {"b": [[]]}]}'],
    ['[[[[["deep"]]]], {"x": {}}]'],
    ['{"brackets in strings": "[[{{", "escaped quote": "\\"}[", "backslash": "\\\\"}'],
    ['["ends in a backslash \\\\", [["\\\\\\"[{"]]]'],
    ['{"a\\"[": {"\\\\": [{"k": "\\u0022{"}]}}'],
    ['{"unicode": "\\u005b", "k": [{"\\"": [1]}]}'],
  ])('reads %s as deep as walking the parsed value', (text) => {
    expect(jsonTextDepth(text)).toBe(walked(JSON.parse(text)));
  });

  it('counts nesting far beyond any stack', () => {
    expect(jsonTextDepth('['.repeat(100_000) + ']'.repeat(100_000))).toBe(100_000);
  });
});
