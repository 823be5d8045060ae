import { describe, expect, it } from 'vitest';
import type { SearchParams } from '../../lib/search-params';
import { describeFingerprint, fingerprintObject, labelColumns, parseTestDetailQuery, type TestDetailQuery } from './test-detail-query';

describe('parseTestDetailQuery', () => {
  it.each<[string, SearchParams, TestDetailQuery]>([
    ['defaults to the runs, newest first', {}, { tab: 'runs', runs: { page: 1, limit: 20, sort: 'start', direction: 'Descending', showTrashed: false } }],
    [
      'reads the runs view',
      { tab: 'runs', page: '2', limit: '50', sort: 'id', direction: 'Ascending', trashed: 'true' },
      { tab: 'runs', runs: { page: 2, limit: 50, sort: 'id', direction: 'Ascending', showTrashed: true } },
    ],
    ['ignores an unknown tab and sort', { tab: 'graphs', sort: 'owner' }, { tab: 'runs', runs: { page: 1, limit: 20, sort: 'start', direction: 'Descending', showTrashed: false } }],
    ['reads the datasets view', { tab: 'datasets', sort: 'stop' }, { tab: 'datasets', datasets: { page: 1, limit: 20, sort: 'stop', direction: 'Descending' } }],
    [
      'reads the label values view, with a label to sort by',
      { tab: 'label-values', sort: 'throughput', direction: 'Descending', fingerprint: '{"arch": "x86_64"}' },
      { tab: 'label-values', labelValues: { page: 1, limit: 20, sort: 'throughput', direction: 'Descending', fingerprint: '{"arch":"x86_64"}' } },
    ],
    [
      'drops a fingerprint that is not a JSON object',
      { tab: 'label-values', fingerprint: '[1]' },
      { tab: 'label-values', labelValues: { page: 1, limit: 20, sort: '', direction: 'Ascending', fingerprint: '' } },
    ],
    ['reads the settings tab', { tab: 'settings' }, { tab: 'settings' }],
    ['reads the changes tab with its series', { tab: 'changes', fingerprint: ' abc ' }, { tab: 'changes', changes: { fingerprint: 'abc' } }],
    ['reads the changes tab without a series', { tab: 'changes' }, { tab: 'changes', changes: { fingerprint: '' } }],
    ['reads the change detection tab', { tab: 'change-detection' }, { tab: 'change-detection' }],
    ['reads the notifications tab', { tab: 'notifications' }, { tab: 'notifications' }],
  ])('%s', (_name, params, expected) => {
    expect(parseTestDetailQuery(params)).toEqual(expected);
  });
});

describe('fingerprints', () => {
  it('turns FingerprintValues into the object the filter compares, and describes it', () => {
    const fingerprint = fingerprintObject([
      { name: 'arch', value: 'x86_64' },
      { name: 'cpu', children: [{ name: 'cores', value: '8' }] },
    ]);
    expect(fingerprint).toEqual({ arch: 'x86_64', cpu: { cores: '8' } });
    expect(describeFingerprint(fingerprint)).toBe('arch: x86_64, cpu.cores: 8');
    expect(describeFingerprint({})).toBe('(no fingerprint labels)');
  });
});

describe('labelColumns', () => {
  it('lists every label of the page once, sorted', () => {
    expect(labelColumns([{ values: { b: 1, a: 2 } }, { values: { c: 3, a: null } }])).toEqual(['a', 'b', 'c']);
  });
});
