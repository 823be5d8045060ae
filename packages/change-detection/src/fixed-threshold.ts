import { formatFixed, relativeDifferenceOf } from './format';
import type { Segment } from './segment';
import type { Change, FixedThresholdConfig } from './types';

/**
 * Horreum's fixed threshold (FixedThresholdModel) on the newest point of the segment: below an enabled
 * minimum (or equal to it when the bound is exclusive) is a change, and then the maximum is not checked;
 * otherwise above an enabled maximum (or equal when exclusive). `oldMean` is the mean of the segment
 * before the point, for context. Cost O(1).
 *
 * @example checkFixedThreshold(segment, { min: { enabled: true, inclusive: true, value: 10 }, max: { enabled: false, inclusive: true, value: 0 } })
 */
export function checkFixedThreshold(segment: Segment, config: FixedThresholdConfig): Change | undefined {
  const dp = segment.newest;
  if (!dp) {
    return undefined;
  }
  const { min, max } = config;
  let description: string | undefined;
  if (min.enabled && (dp.value < min.value || (!min.inclusive && dp.value === min.value))) {
    description = `${formatFixed(dp.value)} is below lower bound ${formatFixed(min.value)} (${min.inclusive ? 'inclusive' : 'exclusive'})`;
  } else if (max.enabled && (dp.value > max.value || (!max.inclusive && dp.value === max.value))) {
    description = `${formatFixed(dp.value)} is above upper bound ${formatFixed(max.value)} (${max.inclusive ? 'inclusive' : 'exclusive'})`;
  }
  if (description === undefined) {
    return undefined;
  }
  const before = segment.statsExcludingNewest(1);
  const oldMean = before.count > 0 ? before.mean : null;
  return {
    model: 'fixedThreshold',
    index: dp.index,
    pointId: dp.id,
    time: dp.time,
    oldMean,
    newMean: dp.value,
    relativeDifference: relativeDifferenceOf(dp.value, oldMean),
    description,
  };
}
