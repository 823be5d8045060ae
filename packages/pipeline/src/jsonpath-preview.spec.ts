import { describe, expect, it } from 'vitest';
import { previewJsonPath, previewLabelInput, translateJsonPath } from './jsonpath-preview';

// Every expected value below is what PostgreSQL 17 answers for
// `jsonb_path_query_first(doc, path)` (isarray false) and `jsonb_path_query_array(doc, path)`
// (isarray true), checked against a real server when the table was written.
type Case = [path: string, document: unknown, first: unknown, all: unknown[]];

const ORDERS = {
  orders: [
    { id: 1, total: 250, status: 'paid', items: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }] },
    { id: 2, total: 40, status: 'open', items: [{ sku: 'c', qty: 5 }] },
    { id: 3, total: 99.5, items: [] },
  ],
  'build-info': { 'git sha': 'abc123', tags: ['nightly', 'x86_64'] },
};

describe('previewJsonPath, compared with PostgreSQL (lax mode)', () => {
  it.each<Case>([
    ['$', { a: 1 }, { a: 1 }, [{ a: 1 }]],
    ['lax $.a', { a: 1 }, 1, [1]],
    ['$."build-info"."git sha"', ORDERS, 'abc123', ['abc123']],
    ['$."build-info".tags[*]', ORDERS, 'nightly', ['nightly', 'x86_64']],
    ['$.orders[0].id', ORDERS, 1, [1]],
    ['$.orders[last].id', ORDERS, 3, [3]],
    ['$.orders[last - 1].id', ORDERS, 2, [2]],
    ['$.orders[1 to 2].id', ORDERS, 2, [2, 3]],
    ['$.orders[0, 2 to last].id', ORDERS, 1, [1, 3]],
    ['$.orders[5].id', ORDERS, null, []],
    ['$.orders[3 to 10].id', ORDERS, null, []],
    // lax mode: a member access on an array applies to its elements (one level)
    ['$.orders.id', ORDERS, 1, [1, 2, 3]],
    ['$.orders.items.sku', ORDERS, 'a', ['a', 'b', 'c']],
    ['$.a.b', { a: [[{ b: 1 }]] }, null, []],
    // lax mode: an array access on a non-array treats it as an array of one
    ['$.a[0].b', { a: { b: 1 } }, 1, [1]],
    ['$.a[*]', { a: 'str' }, 'str', ['str']],
    ['$.a.b', { a: 'str' }, null, []],
    ['$.a.b', { a: null }, null, []],
    // filters
    ['$.orders ? (@.total > 50).id', ORDERS, 1, [1, 3]],
    ['$.orders[*] ? (@.total > 50 && @.status == "paid").id', ORDERS, 1, [1]],
    ['$.orders ? (@.status != "paid").id', ORDERS, 2, [2]], // order 3 has no status: unknown, not selected
    ['$.orders ? (!exists(@.status)).id', ORDERS, 3, [3]],
    ['$.orders ? (@.items.qty >= 5).id', ORDERS, 2, [2]], // arrays in a comparison: any element
    ['$.orders ? (@.items.sku starts with "b").id', ORDERS, 1, [1]],
    ['$.orders ? (@.status == "paid" || @.total < 50).id', ORDERS, 1, [1, 2]],
    ['$.a ? (@ > 1)', { a: [1, 2, 3] }, 2, [2, 3]],
    ['$.a ? (@ > 1) ? (@ < 3)', { a: [1, 2, 3] }, 2, [2]],
    ['$.a ? (@ == 1)', { a: [1, '1'] }, 1, [1]],
    ['$.a ? (@.x < 10)', { a: [{ x: '10' }, { x: null }, { x: 9 }] }, { x: 9 }, [{ x: 9 }]],
    ['$.a ? (@.x == null)', { a: [{ x: null }, { x: 9 }, {}] }, { x: null }, [{ x: null }]],
    ['$.a ? (@.x != 9)', { a: [{ x: null }, { x: 9 }, {}] }, { x: null }, [{ x: null }]],
    ['$.a ? (@.x < "b").x', { a: [{ x: 'b' }, { x: 'a' }, { x: 'B' }] }, 'a', ['a', 'B']],
    ['$.a ? (@ == 3)', { a: [[1, 2], [3]] }, [3], [[3]]],
    ['$.a ? (@ > $.x)', { x: 1, a: [1, 2] }, 2, [2]],
    ['$.a ? (@.x == @.x)', { a: [{ x: { y: 1 } }] }, null, []],
    ['$.a ? ((@ > 5) is unknown)', { a: [1, 'x'] }, 'x', ['x']],
    ['$.a ? (!(@ == 1))', { a: '1' }, null, []],
    ['$.a?(@.b==1).b', { a: { b: 1 } }, 1, [1]],
    // any depth: the item itself first, depth first, members in jsonb order
    ['$.**.k', { a: [{ k: 1 }], k: 0 }, 0, [0, 1, 1]],
    ['$.**', { a: [{ k: 1 }], k: 0 }, { a: [{ k: 1 }], k: 0 }, [{ a: [{ k: 1 }], k: 0 }, [{ k: 1 }], { k: 1 }, 1, 0]],
    ['$.**{2}', { a: { b: { c: 1 } } }, { c: 1 }, [{ c: 1 }]],
    ['$.**{1 to 2}.c', { a: { b: { c: 1 } } }, 1, [1]],
    ['$.*', { b: 1, a: 2, aa: 3, c: { z: 1 } }, 2, [2, 1, { z: 1 }, 3]],
    ['$.*', [{ a: 1 }, { a: 2 }], 1, [1, 2]],
    // whitespace and quoting
    ['$ . a [ 0 ]', { a: [1, 2] }, 1, [1]],
    ['$."a\\"b"', { 'a"b': 1 }, 1, [1]],
    ['$."a;b"."c]"', { 'a;b': { 'c]': 1 } }, 1, [1]],
    ['$."*"', { '*': 1, b: 2 }, 1, [1]],
  ])('%s', (path, document, first, all) => {
    expect(previewJsonPath(document, path, false)).toEqual({ value: first });
    expect(previewJsonPath(document, path, true)).toEqual({ value: all });
  });
});

describe('previewJsonPath refuses what it cannot evaluate like the server', () => {
  it.each([
    ['$.a.size()', 'not supported in the browser preview: .size(); the server evaluates it'],
    ['$.a.type()', 'not supported in the browser preview: .type(); the server evaluates it'],
    ['$.a ? (@ like_regex "^1")', 'not supported in the browser preview: like_regex (PostgreSQL regular expressions); the server evaluates it'],
    ['$.a ? (@ * 2 > 2)', 'not supported in the browser preview: arithmetic (+ - * / %); the server evaluates it'],
    ['$.a[*] + 1', 'not supported in the browser preview: arithmetic (+ - * / %); the server evaluates it'],
    ['$.a == 1', 'not supported in the browser preview: a condition as the whole path (it answers true or false); the server evaluates it'],
    ['$.a ? (@ == $x)', 'not supported in the browser preview: variables ($name); the server evaluates it'],
    ['strict $.b', 'not supported in the browser preview: strict mode (extractors are evaluated in lax mode); the server evaluates it'],
    ['$.**{last}', 'not supported in the browser preview: .**{last}; the server evaluates it'],
  ])('%s', (path, error) => {
    expect(previewJsonPath({ a: [1, 2] }, path, false)).toEqual({ error });
  });

  it.each([
    ['$..a', /"\.\." \(jsonpath-plus syntax\)/],
    ['$["a"]', /\["key"\] \(jsonpath-plus syntax\)/],
    ['a.b', /a path starts with \$/],
    ['', /the path is empty/],
    ['@.a', /@ is only allowed inside a filter/],
    ['$.a[', /ends inside \[ \]/],
    ['$.a ? (', /ends inside a filter/],
    ['$.a ? (@.b)', /a filter needs a condition/],
    ['$."abc', /a string is not closed/],
    ['$.1a', /must be quoted/],
    ['$.build-info.tags', /a key with "-" must be quoted: \."build-info"/],
  ])('says %j is not PostgreSQL jsonpath', (path, message) => {
    const result = previewJsonPath({ a: 1 }, path, false);
    expect(result).toEqual({ error: expect.stringMatching(/^not valid PostgreSQL jsonpath: /) });
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('translateJsonPath', () => {
  it.each([
    ['$.a.b', "$['a']['b']"],
    ['$."quoted key"', "$['quoted key']"],
    ['$.a[*]', "$['a'][*]"],
    ['$.a[0]', "$['a'][0]"],
    ['$.a[last]', "$['a'][-1:]"],
    ['$.a[last - 1]', "$['a'][-2:-1]"],
    ['$.a[1 to 3]', "$['a'][1:4]"],
    ['$.**.b', "$..['b']"],
    ['$.a ? (@.x > 1 && @.y == "s")', "$['a'][?(@.x > 1 && @.y === \"s\")]"],
    ['$.a ? (exists(@.b) || @.c != $.d)', "$['a'][?((@.b !== undefined || @.c !== @root.d))]"],
  ])('%s → %s', (path, translated) => {
    expect(translateJsonPath(path)).toEqual({ path: translated });
  });
});

describe('previewLabelInput', () => {
  const doc = { a: 1, b: [2, 3] };

  it.each([
    ['no extractor gives {}', [], {}],
    ['one extractor gives its value', [{ name: 'a', jsonpath: '$.a', isarray: false }], 1],
    ['a missing value is null', [{ name: 'z', jsonpath: '$.z', isarray: false }], null],
    [
      'several give an object keyed by name',
      [
        { name: 'a', jsonpath: '$.a', isarray: false },
        { name: 'b', jsonpath: '$.b[*]', isarray: true },
      ],
      { a: 1, b: [2, 3] },
    ],
  ])('%s', (_name, extractors, value) => {
    expect(previewLabelInput(doc, extractors)).toEqual({ value });
  });

  it('names the extractor that could not be previewed', () => {
    expect(
      previewLabelInput(doc, [
        { name: 'a', jsonpath: '$.a', isarray: false },
        { name: 'n', jsonpath: '$.b.size()', isarray: false },
      ]),
    ).toEqual({ error: 'extractor n: not supported in the browser preview: .size(); the server evaluates it' });
  });
});
