import type {
  Bound,
  Condition,
  EDivisiveConfig,
  FixedThresholdConfig,
  ModelName,
  RelativeDifferenceConfig,
} from './types';

export const MODEL_NAMES: readonly ModelName[] = ['relativeDifference', 'fixedThreshold', 'eDivisive'];

/** Horreum's defaults (RelativeDifferenceChangeDetectionModel UI metadata). */
export const RELATIVE_DIFFERENCE_DEFAULTS: Readonly<RelativeDifferenceConfig> = Object.freeze({
  window: 1,
  threshold: 0.2,
  minPrevious: 5,
  filter: 'mean',
});

/** Horreum's NUMBER_BOUND default for both bounds: disabled, inclusive, 0. */
export const FIXED_THRESHOLD_DEFAULTS: Readonly<FixedThresholdConfig> = Object.freeze({
  min: Object.freeze({ enabled: false, inclusive: true, value: 0 }),
  max: Object.freeze({ enabled: false, inclusive: true, value: 0 }),
});

/**
 * Chosen on the annotated performance series and TCPD (bench/change-detection/evaluate.cjs, README):
 * see packages/change-detection/README.md for the figures.
 */
export const EDIVISIVE_DEFAULTS: Readonly<EDivisiveConfig> = Object.freeze({
  maxPValue: 0.005,
  permutations: 199,
  window: 30,
  minSegmentSize: 2,
  minMagnitude: 0,
});

/** Largest window a relativeDifference condition may keep per series (points held in memory/state). */
export const MAX_RELATIVE_DIFFERENCE_WINDOW = 10_000;
export const MAX_PERMUTATIONS = 100_000;

/** A bad value in a configuration, addressed by JSON pointer (relative to the config object). */
export interface ConfigProblem {
  pointer: string;
  message: string;
}

export type ResolveResult = { ok: true; condition: Condition } | { ok: false; errors: ConfigProblem[] };

/** Keys Horreum stores inside a condition's config that carry no parameter. */
const HORREUM_KEYS = new Set(['model', 'builtIn']);

/**
 * Fills defaults into a partial configuration of `model` and validates the result. Accepts the configs
 * Horreum stores (extra `model` and `builtIn` keys); rejects unknown parameters, wrong types and
 * out-of-range values with one message per problem.
 *
 * @example resolveCondition('relativeDifference', { threshold: 0.1 })
 * // → { ok: true, condition: { model: 'relativeDifference', config: { window: 1, threshold: 0.1, minPrevious: 5, filter: 'mean' } } }
 */
export function resolveCondition(model: unknown, config?: unknown): ResolveResult {
  const errors: ConfigProblem[] = [];
  if (typeof model !== 'string' || !(MODEL_NAMES as readonly string[]).includes(model)) {
    return { ok: false, errors: [{ pointer: '', message: `unknown model ${JSON.stringify(model)}; expected one of ${MODEL_NAMES.join(', ')}` }] };
  }
  const input = config ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ pointer: '', message: 'must be an object' }] };
  }
  const raw = input as Record<string, unknown>;
  if (raw.model !== undefined && raw.model !== model) {
    errors.push({ pointer: '/model', message: `is ${JSON.stringify(raw.model)} but the condition is ${model}` });
  }
  const check = new Checker(raw, '', errors);
  let condition: Condition;
  switch (model as ModelName) {
    case 'relativeDifference': {
      const d = RELATIVE_DIFFERENCE_DEFAULTS;
      const c: RelativeDifferenceConfig = {
        window: check.integer('window', d.window, { min: 1, max: MAX_RELATIVE_DIFFERENCE_WINDOW }),
        threshold: check.number('threshold', d.threshold, { min: 0 }),
        minPrevious: check.integer('minPrevious', d.minPrevious, { min: 0, max: MAX_RELATIVE_DIFFERENCE_WINDOW }),
        filter: check.oneOf('filter', d.filter, ['mean', 'min', 'max'] as const),
      };
      check.noOtherKeys(['window', 'threshold', 'minPrevious', 'filter']);
      condition = { model: 'relativeDifference', config: c };
      break;
    }
    case 'fixedThreshold': {
      const c: FixedThresholdConfig = {
        min: check.bound('min', FIXED_THRESHOLD_DEFAULTS.min),
        max: check.bound('max', FIXED_THRESHOLD_DEFAULTS.max),
      };
      check.noOtherKeys(['min', 'max']);
      if (c.min.enabled && c.max.enabled && c.min.value > c.max.value) {
        errors.push({ pointer: '/min/value', message: `lower bound ${c.min.value} is above upper bound ${c.max.value}: every value would be a change` });
      }
      condition = { model: 'fixedThreshold', config: c };
      break;
    }
    case 'eDivisive': {
      const d = EDIVISIVE_DEFAULTS;
      const maxPValue = check.number('maxPValue', d.maxPValue, { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
      const minSegmentSize = check.integer('minSegmentSize', d.minSegmentSize, { min: 1, max: 10_000 });
      const c: EDivisiveConfig = {
        maxPValue,
        permutations: check.integer('permutations', d.permutations, { min: 1, max: MAX_PERMUTATIONS }),
        window: check.integer('window', d.window, { min: 2, max: 1_000_000 }),
        minSegmentSize,
        minMagnitude: check.number('minMagnitude', d.minMagnitude, { min: 0 }),
      };
      check.noOtherKeys(['maxPValue', 'permutations', 'window', 'minSegmentSize', 'minMagnitude']);
      const needed = Math.ceil(1 / c.maxPValue - 1 - 1e-9);
      if (errors.length === 0 && c.permutations < needed) {
        errors.push({
          pointer: '/permutations',
          message: `must be at least ${needed} for a p-value of ${c.maxPValue} to be reachable (the smallest p-value of B permutations is 1/(B+1))`,
        });
      }
      if (errors.length === 0 && c.window < 2 * c.minSegmentSize) {
        errors.push({ pointer: '/window', message: `must be at least twice minSegmentSize (${2 * c.minSegmentSize})` });
      }
      condition = { model: 'eDivisive', config: c };
      break;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, condition };
}

/** Throws a TypeError listing the problems of a condition that does not validate. */
export function assertValidCondition(condition: Condition): void {
  const result = resolveCondition(condition.model, condition.config);
  if (!result.ok) {
    throw new TypeError(
      `invalid ${condition.model} config: ${result.errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`,
    );
  }
}

interface Range {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
}

class Checker {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly base: string,
    private readonly errors: ConfigProblem[],
  ) {}

  number(name: string, fallback: number, range: Range): number {
    const v = this.raw[name];
    if (v === undefined) {
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(name, `must be a finite number, got ${JSON.stringify(v)}`);
      return fallback;
    }
    this.inRange(name, v, range);
    return v;
  }

  integer(name: string, fallback: number, range: Range): number {
    const v = this.raw[name];
    if (v === undefined) {
      return fallback;
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.fail(name, `must be an integer, got ${JSON.stringify(v)}`);
      return fallback;
    }
    this.inRange(name, v, range);
    return v;
  }

  oneOf<T extends string>(name: string, fallback: T, options: readonly T[]): T {
    const v = this.raw[name];
    if (v === undefined) {
      return fallback;
    }
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      this.fail(name, `must be one of ${options.join(', ')}, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return v as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.raw[name];
    if (v === undefined) {
      return fallback;
    }
    if (typeof v !== 'boolean') {
      this.fail(name, `must be true or false, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return v;
  }

  bound(name: string, fallback: Bound): Bound {
    const v = this.raw[name];
    if (v === undefined) {
      return { ...fallback };
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.fail(name, 'must be an object { enabled, inclusive, value }');
      return { ...fallback };
    }
    const inner = new Checker(v as Record<string, unknown>, `${this.base}/${name}`, this.errors);
    const bound: Bound = {
      enabled: inner.boolean('enabled', fallback.enabled),
      inclusive: inner.boolean('inclusive', fallback.inclusive),
      value: inner.number('value', fallback.value, {}),
    };
    inner.noOtherKeys(['enabled', 'inclusive', 'value']);
    return bound;
  }

  noOtherKeys(known: readonly string[]): void {
    for (const k of Object.keys(this.raw)) {
      if (!known.includes(k) && !(this.base === '' && HORREUM_KEYS.has(k))) {
        this.fail(k, `is not a parameter; expected ${known.join(', ')}`);
      }
    }
  }

  private inRange(name: string, v: number, { min, max, exclusiveMin, exclusiveMax }: Range): void {
    if (min !== undefined && (exclusiveMin ? v <= min : v < min)) {
      this.fail(name, `must be ${exclusiveMin ? 'greater than' : 'at least'} ${min}, got ${v}`);
    } else if (max !== undefined && (exclusiveMax ? v >= max : v > max)) {
      this.fail(name, `must be ${exclusiveMax ? 'less than' : 'at most'} ${max}, got ${v}`);
    }
  }

  private fail(name: string, message: string): void {
    this.errors.push({ pointer: `${this.base}/${name}`, message });
  }
}
