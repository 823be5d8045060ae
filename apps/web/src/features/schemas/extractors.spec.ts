import { describe, expect, it } from 'vitest';
import { emptyRow, extractorProblems, fromRows, functionInputHint, toRows, type Extractor } from './extractors';

describe('rows', () => {
  it('give each extractor its own key and come back without it, trimmed', () => {
    const rows = toRows([
      { name: 'a', jsonpath: '$.a', isarray: false },
      { name: 'b', jsonpath: '$.b', isarray: true },
    ]);
    expect(new Set([...rows.map((r) => r.key), emptyRow().key]).size).toBe(3);
    expect(fromRows([{ ...rows[0]!, name: ' a ', jsonpath: ' $.x ' }])).toEqual([{ name: 'a', jsonpath: '$.x', isarray: false }]);
  });
});

describe('extractorProblems', () => {
  it.each<[string, Extractor[], string[]]>([
    ['none for good extractors', [{ name: 'a', jsonpath: '$.a', isarray: false }, { name: 'b', jsonpath: 'lax $.b', isarray: true }], []],
    ['none for no extractor', [], []],
    ['a missing name', [{ name: ' ', jsonpath: '$.a', isarray: false }], ['Extractor 1 needs a name.']],
    [
      'a repeated name',
      [
        { name: 'a', jsonpath: '$.a', isarray: false },
        { name: 'a', jsonpath: '$.b', isarray: false },
      ],
      ['Two extractors are named a; the function tells them apart by name.'],
    ],
    ['a path without $', [{ name: 'a', jsonpath: 'results.a', isarray: false }], ['The JSONPath of extractor 1 starts with $ (e.g. $.results.throughput).']],
  ])('%s', (_name, extractors, expected) => {
    expect(extractorProblems(extractors)).toEqual(expected);
  });
});

describe('functionInputHint', () => {
  it.each<[string, Extractor[], RegExp]>([
    ['no extractor', [], /^Add an extractor/],
    ['one extractor: the value', [{ name: 'a', jsonpath: '$.a', isarray: true }], /receives the value itself: the array of all matches of \$\.a/],
    [
      'several: an object by name',
      [
        { name: 'hits', jsonpath: '$.hits', isarray: false },
        { name: 'total', jsonpath: '$.total', isarray: false },
      ],
      /receives an object: \{ hits: <first match of \$\.hits>, total: <first match of \$\.total> \}, e\.g\. \(\{ hits, total \}\) => hits \/ total\./,
    ],
  ])('%s', (_name, extractors, expected) => {
    expect(functionInputHint(extractors)).toMatch(expected);
  });
});
