/**
 * @granary/change-detection: Horreum's change detection models (relative difference of means, fixed
 * threshold) and e-divisive means with a permutation test, on plain series; incremental detection and
 * reconciliation with stored changes. No framework, I/O or clock. See README.md.
 */
export type {
  Bound,
  Change,
  Condition,
  Datapoint,
  EDivisiveConfig,
  FixedThresholdConfig,
  ModelName,
  PointId,
  RelativeDifferenceConfig,
  RelativeDifferenceFilter,
  Series,
} from './types';
export {
  EDIVISIVE_DEFAULTS,
  FIXED_THRESHOLD_DEFAULTS,
  MAX_PERMUTATIONS,
  MAX_RELATIVE_DIFFERENCE_WINDOW,
  MODEL_NAMES,
  RELATIVE_DIFFERENCE_DEFAULTS,
  assertValidCondition,
  resolveCondition,
  type ConfigProblem,
  type ResolveResult,
} from './config';
export { CHANGE_DETECTION_MODELS, horreumDefaultConditions, type ConditionComponent, type ConditionConfig } from './models';
export {
  SeriesDetector,
  detectChanges,
  detectEDivisive,
  type DetectOptions,
  type DetectorState,
  type PushOptions,
} from './detect';
export { reanalyse, reconcileChanges, type ExistingChange, type Reconciliation } from './reconcile';
export { findEDivisiveChangePoints, type EDivisiveChangePoint } from './e-divisive';
export { qHatProfile } from './energy';
export type { IndexedPoint, SegmentState } from './segment';
export { reduceSeries } from './lttb';
