import type { DetectionProgress } from './change-types';

/**
 * The progress bar of a change detection re-run, in words: the value shown (100 once finished),
 * its colour, and the line under it.
 *
 * @example
 * describeProgress({ percentage: 40, done: 4, totalDatasets: 10, errors: 0, finished: false })
 * // { value: 40, variant: undefined, detail: 'Running: 4 of 10 datasets' }
 */
export function describeProgress(p: DetectionProgress): { value: number; variant: 'success' | 'danger' | undefined; detail: string } {
  const errors = p.errors ?? 0;
  const count = p.totalDatasets !== undefined ? `${p.done ?? 0} of ${p.totalDatasets} datasets` : '';
  const errorText = errors > 0 ? `${count ? '; ' : ''}${errors} ${errors === 1 ? 'error' : 'errors'}` : '';
  if (p.finished) {
    return { value: 100, variant: errors > 0 ? 'danger' : 'success', detail: `Done${count || errorText ? `: ${count}${errorText}` : ''}` };
  }
  const value = Math.max(0, Math.min(99, Math.floor(Number.isFinite(p.percentage) ? p.percentage : 0)));
  return { value, variant: undefined, detail: count || errorText ? `Running: ${count}${errorText}` : 'Running' };
}
