import { describe, expect, it } from 'vitest';
import { changesTabHref, fingerprintOptions, pickFingerprint, stableJson } from './fingerprints';

const f = (hash: string, datapoints: number, lastTime: number | null) => ({ hash, datapoints, lastTime, fingerprint: { hash } as unknown });

describe('pickFingerprint', () => {
  const all = [f('a', 30, 100), f('b', 5, 200), f('c', 10, 200)];
  it.each([
    ['the one the URL asks for', 'a', 'a'],
    ['the newest when the URL asks for none', undefined, 'c'],
    ['the newest when the URL asks for one without datapoints', 'zzz', 'c'],
  ])('%s', (_name, requested, hash) => {
    expect(pickFingerprint(all, requested)?.hash).toBe(hash);
  });

  it('finds a fingerprint by its JSON, whatever the key order', () => {
    const withObjects = [{ ...f('p', 1, 1), fingerprint: { arch: 'x86', cpus: 8 } }, { ...f('q', 1, 2), fingerprint: { arch: 'arm', cpus: 8 } }];
    expect(pickFingerprint(withObjects, stableJson({ cpus: 8, arch: 'x86' }))?.hash).toBe('p');
    expect(pickFingerprint([{ ...f('n', 1, 1), fingerprint: null }, f('m', 1, 0)], 'null')?.hash).toBe('n');
  });

  it('answers nothing when no series has datapoints', () => {
    expect(pickFingerprint([], 'a')).toBeUndefined();
  });

  it('treats an unknown newest time as the oldest', () => {
    expect(pickFingerprint([f('x', 1, null), f('y', 1, 5)], undefined)?.hash).toBe('y');
  });
});

describe('fingerprintOptions', () => {
  it('describes each fingerprint with its datapoints, sorted', () => {
    expect(
      fingerprintOptions([
        { hash: 'h2', fingerprint: { arch: 'x86' }, datapoints: 12 },
        { hash: 'h1', fingerprint: { arch: 'arm' }, datapoints: 1 },
        { hash: 'h0', fingerprint: null, datapoints: 3 },
      ]),
    ).toEqual([
      { value: 'h1', label: 'arch: arm (1 datapoint)' },
      { value: 'h2', label: 'arch: x86 (12 datapoints)' },
      { value: 'h0', label: 'No fingerprint (3 datapoints)' },
    ]);
  });
});

describe('stableJson', () => {
  it.each([
    [{ b: 1, a: { d: 2, c: 3 } }, '{"a":{"c":3,"d":2},"b":1}'],
    [[{ y: 1, x: 2 }], '[{"x":2,"y":1}]'],
    [null, 'null'],
    [undefined, 'null'],
    ['s', '"s"'],
  ])('%j', (value, text) => {
    expect(stableJson(value)).toBe(text);
  });
});

describe('changesTabHref', () => {
  it('leads to the Changes tab on the series of the fingerprint', () => {
    expect(changesTabHref(4, { b: 2, a: 'x' })).toBe('/tests/4?tab=changes&fingerprint=%7B%22a%22%3A%22x%22%2C%22b%22%3A2%7D');
    expect(changesTabHref(5, undefined)).toBe('/tests/5?tab=changes&fingerprint=null');
  });
});
