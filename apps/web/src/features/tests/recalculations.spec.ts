import { describe, expect, it } from 'vitest';
import { describeRecalculation, recalculationsToShow, RECENT_MS, type Recalculation } from './recalculations';

const NOW = 1_800_000_000_000;
const r = (id: number, state: Recalculation['state'], finishedAt?: number): Recalculation => ({
  id,
  state,
  finishedAt,
  createdAt: (finishedAt ?? NOW) - 1000,
  kind: 'labels',
  reason: 'x',
  done: 0,
  total: 0,
  percent: 0,
  errors: 0,
  labelIds: [],
});

describe('recalculationsToShow', () => {
  it('shows what runs and what finished recently, newest first, at most five', () => {
    const shown = recalculationsToShow(
      [r(9, 'done', NOW - RECENT_MS - 1), r(8, 'running'), r(7, 'queued'), r(6, 'done', NOW - 1000), r(5, 'failed', NOW - 2000), r(4, 'done', NOW - 3000), r(3, 'done', NOW - 4000), r(2, 'done', NOW - 5000)],
      NOW,
    );
    expect(shown.map((x) => x.id)).toEqual([8, 7, 6, 5, 4]);
  });

  it('shows nothing when nothing happened lately', () => {
    expect(recalculationsToShow([r(1, 'done', NOW - RECENT_MS - 1)], NOW)).toEqual([]);
  });
});

describe('describeRecalculation', () => {
  const base = { kind: 'labels' as const, reason: 'label throughput changed', done: 5, total: 20, percent: 25, errors: 0 };
  it.each<[string, Parameters<typeof describeRecalculation>[0], ReturnType<typeof describeRecalculation>]>([
    ['running', { ...base, state: 'running' }, { title: 'Label values: label throughput changed', value: 25, variant: undefined, detail: 'Running: 5 of 20 datasets' }],
    ['queued', { ...base, state: 'queued', percent: 0 }, { title: 'Label values: label throughput changed', value: 0, variant: undefined, detail: 'Queued: waiting for the pipeline' }],
    ['done is 100%', { ...base, state: 'done', done: 20, percent: 99.6 }, { title: 'Label values: label throughput changed', value: 100, variant: 'success', detail: 'Done: 20 of 20 datasets' }],
    [
      'done with label errors',
      { ...base, state: 'done', done: 20, percent: 100, errors: 2 },
      { title: 'Label values: label throughput changed', value: 100, variant: 'danger', detail: 'Done: 20 of 20 datasets; 2 label values could not be computed' },
    ],
    ['failed runs', { ...base, kind: 'runs', state: 'failed', reason: 'test recalculation requested' }, { title: 'Datasets: test recalculation requested', value: 25, variant: 'danger', detail: 'Failed after 5 of 20 runs' }],
  ])('%s', (_name, recalculation, expected) => {
    expect(describeRecalculation(recalculation)).toEqual(expected);
  });
});
