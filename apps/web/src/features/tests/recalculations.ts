import type { Schemas } from '@granary/api-client';

export type Recalculation = Schemas['RecalculationDto'];

/** How long a finished recalculation stays in view, so people see it reach 100%. */
export const RECENT_MS = 10 * 60 * 1000;
const MAX_SHOWN = 5;

/** Whether the pipeline still works on it (the page polls while one does). */
export const isActive = (r: Pick<Recalculation, 'state'>): boolean => r.state === 'queued' || r.state === 'running';

/**
 * What the progress area shows: every recalculation still queued or running, then the ones that
 * finished recently, newest first, at most five.
 *
 * @example
 * recalculationsToShow([{ id: 2, state: 'running', ... }, { id: 1, state: 'done', finishedAt: now - 3600_000, ... }], now) // [the running one]
 */
export function recalculationsToShow<T extends Pick<Recalculation, 'id' | 'state' | 'finishedAt' | 'createdAt'>>(all: readonly T[], now: number): T[] {
  const active = all.filter(isActive);
  const recent = all.filter((r) => !isActive(r) && (r.finishedAt ?? r.createdAt) >= now - RECENT_MS);
  return [...active, ...recent].sort((a, b) => b.id - a.id).slice(0, MAX_SHOWN);
}

/**
 * A recalculation's progress bar, in words: its title, the value shown (a finished one is at
 * 100%), its colour and the line under it.
 *
 * @example
 * describeRecalculation({ kind: 'labels', reason: 'label throughput changed', state: 'running', done: 5, total: 20, percent: 25, errors: 0 })
 * // { title: 'Label values: label throughput changed', value: 25, variant: undefined, detail: 'Running: 5 of 20 datasets' }
 */
export function describeRecalculation(r: Pick<Recalculation, 'kind' | 'reason' | 'state' | 'done' | 'total' | 'percent' | 'errors'>): {
  title: string;
  value: number;
  variant: 'success' | 'danger' | undefined;
  detail: string;
} {
  const what = r.kind === 'labels' ? 'Label values' : r.kind === 'runs' ? 'Datasets' : 'Fingerprints';
  const unit = r.kind === 'runs' ? 'runs' : 'datasets';
  const count = `${r.done} of ${r.total} ${unit}`;
  const errors = r.errors > 0 ? `; ${r.errors} label ${r.errors === 1 ? 'value' : 'values'} could not be computed` : '';
  const value = r.state === 'done' ? 100 : Math.max(0, Math.min(100, Math.round(r.percent)));
  switch (r.state) {
    case 'queued':
      return { title: `${what}: ${r.reason}`, value, variant: undefined, detail: 'Queued: waiting for the pipeline' };
    case 'running':
      return { title: `${what}: ${r.reason}`, value, variant: undefined, detail: `Running: ${count}${errors}` };
    case 'done':
      return { title: `${what}: ${r.reason}`, value, variant: r.errors > 0 ? 'danger' : 'success', detail: `Done: ${count}${errors}` };
    case 'failed':
      return { title: `${what}: ${r.reason}`, value, variant: 'danger', detail: `Failed after ${count}${errors}` };
  }
}
