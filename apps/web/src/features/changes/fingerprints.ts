import { withSearchParams } from '../../lib/search-params';
import { fingerprintText } from './change-format';
import type { FingerprintSeries } from './change-types';

/**
 * JSON with object keys sorted, so two equal fingerprints give the same text whatever the key
 * order the API answered them in.
 *
 * @example
 * stableJson({ b: 1, a: { d: 2, c: 3 } }) // '{"a":{"c":3,"d":2},"b":1}'
 */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The series to show: the fingerprint the URL asks for (by hash, or as the JSON of the
 * fingerprint, which is what a change carries) when it has datapoints, else the one with the
 * newest datapoint (ties: the one with more datapoints), or undefined when none has any.
 *
 * @example
 * pickFingerprint([{ hash: 'a', datapoints: 3, lastTime: 1 }, { hash: 'b', datapoints: 1, lastTime: 2 }], undefined) // the 'b' entry
 */
export function pickFingerprint<T extends Pick<FingerprintSeries, 'hash' | 'datapoints' | 'lastTime' | 'fingerprint'>>(all: readonly T[], requested: string | undefined): T | undefined {
  const asked = requested ? all.find((f) => f.hash === requested) ?? all.find((f) => stableJson(f.fingerprint) === requested) : undefined;
  if (asked) {
    return asked;
  }
  return [...all].sort((a, b) => (b.lastTime ?? 0) - (a.lastTime ?? 0) || b.datapoints - a.datapoints || a.hash.localeCompare(b.hash))[0];
}

/**
 * The options of the fingerprint picker, in the order people read them (by description).
 *
 * @example
 * fingerprintOptions([{ hash: 'h1', fingerprint: { arch: 'x86' }, datapoints: 12 }])
 * // [{ value: 'h1', label: 'arch: x86 (12 datapoints)' }]
 */
export function fingerprintOptions(all: readonly Pick<FingerprintSeries, 'hash' | 'fingerprint' | 'datapoints'>[]): { value: string; label: string }[] {
  return all
    .map((f) => ({ value: f.hash, label: `${fingerprintText(f.fingerprint)} (${f.datapoints} ${f.datapoints === 1 ? 'datapoint' : 'datapoints'})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * Where a change shows in its test: the Changes tab on the change's series (found by the
 * fingerprint's JSON, which is what a change carries).
 *
 * @example
 * changesTabHref(4, { arch: 'x86' }) // '/tests/4?tab=changes&fingerprint=%7B%22arch%22%3A%22x86%22%7D'
 */
export function changesTabHref(testId: number, fingerprint: unknown): string {
  return withSearchParams(`/tests/${testId}`, {}, { tab: 'changes', fingerprint: stableJson(fingerprint ?? null) });
}
