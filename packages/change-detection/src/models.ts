import { EDIVISIVE_DEFAULTS, FIXED_THRESHOLD_DEFAULTS, RELATIVE_DIFFERENCE_DEFAULTS } from './config';
import type { ModelName, RelativeDifferenceConfig } from './types';

/** Horreum's `ConditionComponent`: one form control of a model's configuration. */
export interface ConditionComponent {
  name: string;
  title: string;
  description: string;
  type: 'LOG_SLIDER' | 'ENUM' | 'NUMBER_BOUND' | 'SWITCH';
  /**
   * LOG_SLIDER: { scale, min, max, unit, discrete } (the UI shows value × scale between min and max);
   * ENUM: { options: { value: title } }; NUMBER_BOUND and SWITCH: {}.
   */
  properties: Record<string, unknown>;
}

/** Horreum's `ConditionConfig`: a model's metadata, for `GET /api/alerting/changeDetectionModels`. */
export interface ConditionConfig {
  name: ModelName;
  title: string;
  description: string;
  ui: ConditionComponent[];
  defaults: Record<string, unknown>;
}

const logSlider = (p: { scale: number; min: number; max: number; unit: string; discrete: boolean }): Record<string, unknown> => ({ ...p });

/** The three models in Horreum's ConditionConfig shape, defaults included. */
export const CHANGE_DETECTION_MODELS: readonly ConditionConfig[] = [
  {
    name: 'relativeDifference',
    title: 'Relative difference of means',
    description:
      'Compares the newest datapoints (the window, aggregated by the filter) with the mean of the datapoints ' +
      'before them, back to the last change, and reports a change when they differ by more than the threshold. ' +
      'With a window of 1, the newest datapoint is compared with the mean since the last change.',
    ui: [
      {
        name: 'threshold',
        title: 'Threshold for relative difference',
        description: 'Relative difference between the aggregated window and the mean of the preceding datapoints above which a change is reported.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 100, min: 1, max: 1000, unit: '%', discrete: false }),
      },
      {
        name: 'window',
        title: 'Minimum window',
        description: 'Number of newest datapoints aggregated for the comparison.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 1, min: 1, max: 1000, unit: ' ', discrete: true }),
      },
      {
        name: 'minPrevious',
        title: 'Minimal number of preceding datapoints',
        description: 'Datapoints needed before the window (since the last change) for an analysis; raised to the window when smaller.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 1, min: 1, max: 1000, unit: ' ', discrete: true }),
      },
      {
        name: 'filter',
        title: 'Aggregation function for the floating window',
        description: 'How the datapoints of the window are aggregated.',
        type: 'ENUM',
        properties: { options: { mean: 'Mean value', min: 'Minimum value', max: 'Maximum value' } },
      },
    ],
    defaults: { ...RELATIVE_DIFFERENCE_DEFAULTS },
  },
  {
    name: 'fixedThreshold',
    title: 'Fixed Threshold',
    description: 'Checks that each new datapoint lies within fixed bounds.',
    ui: [
      { name: 'min', title: 'Minimum', description: 'Lower bound for acceptable datapoint values.', type: 'NUMBER_BOUND', properties: {} },
      { name: 'max', title: 'Maximum', description: 'Upper bound for acceptable datapoint values.', type: 'NUMBER_BOUND', properties: {} },
    ],
    defaults: { min: { ...FIXED_THRESHOLD_DEFAULTS.min }, max: { ...FIXED_THRESHOLD_DEFAULTS.max } },
  },
  {
    name: 'eDivisive',
    title: 'eDivisive (energy statistics)',
    description:
      'E-divisive means (Matteson & James 2014), as in Hunter/Apache Otava and MongoDB: finds the points where the ' +
      'distribution of the series changes since the last change, each confirmed by a permutation test. Robust to ' +
      'single outliers; a change is reported once enough datapoints follow it.',
    ui: [
      {
        name: 'maxPValue',
        title: 'Significance (maximum p-value)',
        description: 'A change is reported when its permutation p-value is at most this value. Smaller means fewer, surer changes.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 100, min: 0.01, max: 10, unit: '%', discrete: false }),
      },
      {
        name: 'window',
        title: 'Window',
        description: 'Datapoints per analysis window; windows advance by half a window. Longer windows find smaller, slower changes.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 1, min: 10, max: 1000, unit: ' ', discrete: true }),
      },
      {
        name: 'minSegmentSize',
        title: 'Minimum segment size',
        description: 'Datapoints needed on each side of a change; a change is reported after this many datapoints follow it.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 1, min: 1, max: 100, unit: ' ', discrete: true }),
      },
      {
        name: 'minMagnitude',
        title: 'Minimum relative difference',
        description: 'Changes whose means differ by less than this (relative to the mean before) are not reported.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 100, min: 0.1, max: 100, unit: '%', discrete: false }),
      },
      {
        name: 'permutations',
        title: 'Permutations',
        description: 'Most permutations per significance test (tests stop early when the result is clear); at least 1/p-value − 1.',
        type: 'LOG_SLIDER',
        properties: logSlider({ scale: 1, min: 99, max: 9999, unit: ' ', discrete: true }),
      },
    ],
    defaults: { ...EDIVISIVE_DEFAULTS },
  },
];

/**
 * The two conditions Horreum adds to a new variable (`GET /api/alerting/defaultChangeDetectionConfigs`):
 * the newest datapoint against the mean since the last change, and a floating window of 5.
 */
export function horreumDefaultConditions(): Array<{ model: 'relativeDifference'; config: RelativeDifferenceConfig }> {
  return [
    { model: 'relativeDifference', config: { window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' } },
    { model: 'relativeDifference', config: { window: 5, threshold: 0.1, minPrevious: 5, filter: 'mean' } },
  ];
}
