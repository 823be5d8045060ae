import { describe, expect, it } from 'vitest';
import { applySchemaUri, jsonTextDepth, parseAccess, parseRunTime, scanJsonText, simpleJsonPathValue } from './run-times';

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

describe('scanJsonText (member paths read from the text, as on the parsed document)', () => {
  const PATHS = ['$.start', '$.stop', '$.info.start', '$.a.b.c', '$.x'];
  /** Where the scan reads a path, it answers what simpleJsonPathValue answers on the parsed text. */
  const agrees = (text: string) => {
    const scan = scanJsonText(text, PATHS);
    const parsed = JSON.parse(text) as unknown;
    PATHS.forEach((path, k) => {
      if (scan.values[k]!.found) expect(scan.values[k], `${path} in ${text}`).toEqual(simpleJsonPathValue(parsed, path));
    });
    return scan;
  };

  it.each<[string, string, unknown]>([
    ['{"start": 1700000000000, "stop": 1700000060000}', '$.start', 1700000000000],
    ['{ "stop" : 2 ,"start":\t"2024-01-01T00:00:00Z" }', '$.start', '2024-01-01T00:00:00Z'],
    ['{"info": {"other": {"start": 1}, "start": -2.5e3}}', '$.info.start', -2500],
    ['{"a": {"b": {"c": {"deep": [1, {"x": 2}]}}}}', '$.a.b.c', { deep: [1, { x: 2 }] }],
    ['{"x": [1, "]", {"}": 2}]}', '$.x', [1, ']', { '}': 2 }]],
    ['{"x": "with \\"quotes\\" and \\\\", "y": 1}', '$.x', 'with "quotes" and \\'],
    ['{"st\\u0061rt": 7}', '$.start', 7],
    ['{"start": 1, "start": 2}', '$.start', 2],
    ['{"info": {"start": 1}, "info": {"stop": 2}}', '$.info.start', null],
    ['{"info": [1], "info": {"start": 3}}', '$.info.start', 3],
    ['{"info": 5}', '$.info.start', null],
    ['{"other": {"start": 9}}', '$.start', null],
    ['{"start": null}', '$.start', null],
    ['{"start": true}', '$.start', true],
    ['{"a": {"b": {"c": "last"}}}', '$.a.b.c', 'last'],
    ['{"big": {"start": 1, "a": [{"start": 2}]}, "start": 3}', '$.start', 3],
  ])('reads %s at %s as %j', (text, path, expected) => {
    const scan = agrees(text);
    expect(scan.values[PATHS.indexOf(path)]).toEqual({ found: true, value: expected });
  });

  it.each<[string, string]>([
    ['[{"start": 5}]', '$.start'],
    ['{"info": [{"start": 5}]}', '$.info.start'],
    ['{"info": {"start": 1}, "info": [{"start": 5}]}', '$.info.start'],
    ['"text"', '$.start'],
  ])('leaves %s at %s to a parser (lax mode looks into arrays)', (text, path) => {
    expect(agrees(text).values[PATHS.indexOf(path)]).toEqual({ found: false });
  });

  it('leaves JSONPaths other than member names to PostgreSQL', () => {
    expect(scanJsonText('{"a": [1]}', ['$.a[0]', '$.a.*', '$']).values).toEqual([{ found: false }, { found: false }, { found: false }]);
  });

  it('agrees with the parsed document on random documents', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const keys = ['start', 'stop', 'info', 'a', 'b', 'c', 'x', 'st"art', '{', ''];
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 4 || r < 0.35) return [1, -2.5, 'text "q" \\', null, true, '[{'][Math.floor(rand() * 6)];
      if (r < 0.55) return Array.from({ length: Math.floor(rand() * 3) }, () => value(depth + 1));
      return new Members(Array.from({ length: Math.floor(rand() * 4) }, () => [keys[Math.floor(rand() * keys.length)]!, value(depth + 1)]));
    };
    /** An object as written, repeated members included. */
    class Members {
      constructor(readonly entries: [string, unknown][]) {}
    }
    const textOf = (v: unknown, space: string): string =>
      v instanceof Members
        ? `{${v.entries.map(([k, x]) => `${space}${JSON.stringify(k)}:${space}${textOf(x, space)}`).join(',')}}`
        : Array.isArray(v)
          ? `[${v.map((x) => textOf(x, space)).join(`,${space}`)}]`
          : JSON.stringify(v);
    let read = 0;
    for (let n = 0; n < 2000; n++) {
      const document = new Members([['start', value(1)], ['info', value(1)], ['a', value(0)], ['x', value(2)], ['info', value(1)]]);
      const text = textOf(document, rand() < 0.5 ? '' : '\n ');
      read += agrees(text).values.filter((v) => v.found).length;
      expect(scanJsonText(text, []).depth).toBe(jsonTextDepth(text));
    }
    expect(read).toBeGreaterThan(5000);
  });
});
