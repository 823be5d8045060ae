import { describe, expect, it } from 'vitest';
import { headOf, parseJsonText, prettyJson } from './json-text';

describe('parseJsonText', () => {
  it.each<[string, unknown]>([
    ['{"a": 1}', { a: 1 }],
    ['[1, 2]', [1, 2]],
    ['"x"', 'x'],
    ['null', null],
  ])('reads %j', (text, value) => {
    expect(parseJsonText(text)).toEqual({ isOk: true, value });
  });

  it.each([
    ['{"a": 1,}', 'Line 1, column 9: a trailing comma before "}"'],
    ['{\n  "a": 1\n  "b": 2\n}', 'Line 3, column 3: unexpected "\\""; expected "," or "}"'],
    ['{\n "a": }', 'Line 2, column 7: unexpected "}"; expected a value'],
    ["{'a': 1}", 'Line 1, column 2: unexpected "\'"; expected a key in double quotes'],
    ['{"a": 1} x', 'Line 1, column 10: unexpected "x" after the value'],
    ['{"a": ', 'At the end: the text ends; expected a value'],
    ['', 'Empty: the text ends; expected a value'],
    ['[1, 2,]', 'Line 1, column 7: a trailing comma before "]"'],
    ['{"a": tru}', 'Line 1, column 7: unexpected "t"; expected true'],
  ])('says where %j is broken', (text, message) => {
    expect(parseJsonText(text)).toEqual({ isOk: false, message });
  });
});

describe('headOf', () => {
  it.each([
    ['short', 10, { text: 'short', isTruncated: false }],
    ['a\nb\nc', 3, { text: 'a\nb', isTruncated: true }],
    ['abcdefghij', 4, { text: 'abcd', isTruncated: true }],
  ])('%j at most %d', (text, max, expected) => {
    expect(headOf(text, max)).toEqual(expected);
  });
});

describe('prettyJson', () => {
  it('indents by two spaces', () => {
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
