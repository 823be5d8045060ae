/** Identifier of a datapoint, as the caller stores it (database id or any stable key). */
export type PointId = string | number;

/**
 * One datapoint of a series: the value of a change detection variable for one dataset.
 * `time` is the timeline position in epoch milliseconds (Horreum's timeline label or dataset start).
 */
export interface Datapoint {
  id: PointId;
  time: number;
  value: number;
}

/**
 * A series in timeline order (oldest first), as change detection sees it: one variable × fingerprint.
 *
 * - `changes`: ids of points where a change is already known to start (detected earlier, confirmed, or
 *   manual: "a known step the models missed"). Every known change restarts the history, as in Horreum.
 * - `outliers`: ids of points flagged as outliers. Detection skips them entirely.
 */
export interface Series {
  points: readonly Datapoint[];
  changes?: readonly PointId[];
  outliers?: readonly PointId[];
}

export type ModelName = 'relativeDifference' | 'fixedThreshold' | 'eDivisive';

export type RelativeDifferenceFilter = 'mean' | 'min' | 'max';

/** Horreum's `RelativeDifferenceDetectionConfig` without `model`/`builtIn`. */
export interface RelativeDifferenceConfig {
  /** Number of newest datapoints aggregated with `filter` (≥ 1). */
  window: number;
  /** Relative difference that must be exceeded, as a fraction (0.2 = 20 %). */
  threshold: number;
  /** Minimum number of datapoints before the window; raised to `window` when smaller. */
  minPrevious: number;
  filter: RelativeDifferenceFilter;
}

export interface Bound {
  enabled: boolean;
  /** When true the bound value itself is acceptable. */
  inclusive: boolean;
  value: number;
}

/** Horreum's `FixedThresholdDetectionConfig` without `model`/`builtIn`. */
export interface FixedThresholdConfig {
  min: Bound;
  max: Bound;
}

/** E-divisive means with a permutation test (Matteson & James 2014), windowed as in Hunter/Otava. */
export interface EDivisiveConfig {
  /** A change is reported when its permutation p-value is at most this. */
  maxPValue: number;
  /** Upper bound of permutations per significance test; must be ≥ 1/maxPValue − 1. */
  permutations: number;
  /** Points per analysis window (Hunter's `window_len`); windows advance by half a window. */
  window: number;
  /** Minimum number of points on each side of a change. */
  minSegmentSize: number;
  /** Minimum relative difference of the means around a change (0 = any significant change). */
  minMagnitude: number;
}

export type Condition =
  | { model: 'relativeDifference'; config: RelativeDifferenceConfig }
  | { model: 'fixedThreshold'; config: FixedThresholdConfig }
  | { model: 'eDivisive'; config: EDivisiveConfig };

/** A change found by a model. `index` is the position of its first point in `Series.points`. */
export interface Change {
  model: ModelName;
  index: number;
  pointId: PointId;
  /** Time of the point where the change starts (epoch ms). */
  time: number;
  /** Mean before the change in the context the model compared; null when there is none. */
  oldMean: number | null;
  /** Value after the change: the filtered window (relativeDifference), the point (fixedThreshold), the mean after (eDivisive). */
  newMean: number;
  /** newMean / oldMean − 1; null when undefined (no old mean, or old mean 0). */
  relativeDifference: number | null;
  /** eDivisive only: permutation p-value of the change. */
  pValue?: number;
  description: string;
}
