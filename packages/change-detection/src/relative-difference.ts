import { formatFixed, formatTime, relativeDifferenceOf } from './format';
import type { Segment } from './segment';
import type { Change, RelativeDifferenceConfig } from './types';

/**
 * Horreum's "Relative difference of means" on the segment since the last change, evaluated for its
 * newest point (RelativeDifferenceChangeDetectionModel):
 *
 * - w = max(1, window), p = max(w, minPrevious); fewer than p + w points → no analysis.
 * - prevMean = mean of every point before the newest w (back to the change point); agg = filter of the
 *   newest w; ratio = agg / prevMean; a change when ratio < 1 − threshold or ratio > 1 + threshold
 *   (strict; threshold below 0 counts as 0). prevMean 0 gives ±Infinity (a change) or NaN (none).
 * - The change is attributed to the oldest point of the window on the changed side of prevMean
 *   (below it for a drop, above for a rise), or to the newest point when there is none.
 *
 * Cost O(window): the segment keeps running sums.
 *
 * @example checkRelativeDifference(segment, { window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' })
 */
export function checkRelativeDifference(segment: Segment, config: RelativeDifferenceConfig): Change | undefined {
  const threshold = Math.max(0, config.threshold);
  const w = Math.max(1, Math.floor(config.window));
  const p = Math.max(w, config.minPrevious);
  if (segment.count < p + w) {
    return undefined;
  }
  if (segment.capacity < w) {
    throw new RangeError(`the segment keeps ${segment.capacity} points, the window needs ${w}`);
  }
  const window = segment.newestFirst(w);
  const previous = segment.statsExcludingNewest(w);
  const values = window.map((dp) => dp.value);
  let filtered: number;
  switch (config.filter) {
    case 'min':
      filtered = Math.min(...values);
      break;
    case 'max':
      filtered = Math.max(...values);
      break;
    case 'mean':
      filtered = values.reduce((a, b) => a + b, 0) / w;
      break;
  }
  const ratio = filtered / previous.mean;
  if (!(ratio < 1 - threshold || ratio > 1 + threshold)) {
    return undefined;
  }
  let dp = window[0]!;
  for (let i = w - 1; i >= 0; i--) {
    dp = window[i]!;
    if ((ratio < 1 && dp.value < previous.mean) || (ratio > 1 && dp.value > previous.mean)) {
      break;
    }
  }
  const oldest = window[w - 1]!;
  const newest = window[0]!;
  return {
    model: 'relativeDifference',
    index: dp.index,
    pointId: dp.id,
    time: dp.time,
    oldMean: previous.mean,
    newMean: filtered,
    relativeDifference: relativeDifferenceOf(filtered, previous.mean),
    description:
      `Datapoints ${oldest.id} (${formatTime(oldest.time)}) - ${newest.id} (${formatTime(newest.time)}): ` +
      `${config.filter} ${formatFixed(filtered)}, previous mean ${formatFixed(previous.mean)} ` +
      `(stddev ${formatFixed(previous.stddev)}), relative change ${(100 * (ratio - 1)).toFixed(2)}%`,
  };
}
