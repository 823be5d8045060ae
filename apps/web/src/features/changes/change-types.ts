/**
 * The shapes of the alerting API as the change detection views use them (Horreum's first,
 * Granary's additions after). Kept structural so the generated `Schemas[...]` types fit them.
 */

/** The models a variable can use; `manual` marks a change a person added. */
export type ModelName = 'relativeDifference' | 'fixedThreshold' | 'eDivisive';
export type ChangeModel = ModelName | 'manual';

/** Horreum's `ConditionComponent`: one control of a model's configuration form. */
export interface ConditionComponent {
  name: string;
  title: string;
  description: string;
  type: 'LOG_SLIDER' | 'ENUM' | 'NUMBER_BOUND' | 'SWITCH';
  /** LOG_SLIDER: `{ scale, min, max, unit, discrete }`; ENUM: `{ options: { value: title } }`. */
  properties: Record<string, unknown>;
}

/** Horreum's `ConditionConfig`: a model's metadata (`GET /api/alerting/changeDetectionModels`). */
export interface ConditionConfig {
  name: string;
  title: string;
  description: string;
  ui: ConditionComponent[];
  defaults: Record<string, unknown>;
}

/** One model with its parameters, as a variable holds it. */
export interface ChangeDetection {
  id?: number | null;
  model: string;
  config: Record<string, unknown>;
}

/** A change detection variable: which label values form its series and which models watch them. */
export interface Variable {
  id?: number | null;
  testId: number;
  name: string;
  group?: string | null;
  order?: number | null;
  labels: string[];
  calculation?: string | null;
  changeDetection: ChangeDetection[];
}

/** A change, as `GET /api/alerting/changes` and the series answer it. */
export interface Change {
  id: number;
  variable?: Pick<Variable, 'name'> & { id?: number | null; group?: string | null } | null;
  dataset?: { id: number | null; runId: number; ordinal: number; testId?: number } | null;
  /** Where the change starts, epoch milliseconds. */
  timestamp: number;
  confirmed: boolean;
  description?: string | null;
  ignored?: boolean;
  model?: string | null;
  fingerprint?: unknown;
  oldMean?: number | null;
  newMean?: number | null;
  /** A fraction: 0.2 is 20 % more than before. */
  relativeDifference?: number | null;
  pValue?: number | null;
  decidedBy?: string | null;
  /** Epoch milliseconds. */
  decidedAt?: number | null;
  createdAt?: number | null;
}

/** A change in the list across tests. */
export type RecentChange = Change & { test: { id: number; name: string } };

/** One datapoint of a series. */
export interface SeriesPoint {
  /** Timeline position, epoch milliseconds. */
  time: number;
  value: number;
  datasetId: number;
  runId: number;
  ordinal: number;
  /** Flagged as an outlier: change detection skips it. */
  outlier: boolean;
}

/** One variable × fingerprint, reduced for drawing, with its changes. */
export interface Series {
  variable: Variable;
  fingerprint?: unknown;
  hash: string;
  /** Datapoints before reduction. */
  total: number;
  reduced: boolean;
  points: SeriesPoint[];
  changes: Change[];
}

/** A fingerprint that has datapoints: the series picker lists these. */
export interface FingerprintSeries {
  fingerprint?: unknown;
  hash: string;
  datapoints: number;
  /** Epoch milliseconds of the newest datapoint. */
  lastTime?: number | null;
}

/** `GET /api/alerting/recalculate?test=`: the progress of re-running change detection. */
export interface DetectionProgress {
  percentage: number;
  done?: number;
  totalDatasets?: number;
  errors?: number;
  finished: boolean;
}
