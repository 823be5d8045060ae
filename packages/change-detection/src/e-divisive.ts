import { identity, prepareSegment, scanSplits, type PreparedSegment } from './energy';
import { hashValues, mulberry32, shuffle } from './random';
import type { EDivisiveConfig } from './types';

/** A change point found by {@link findEDivisiveChangePoints}; `index` is the first point of the new segment. */
export interface EDivisiveChangePoint {
  index: number;
  /** Permutation p-value of the confirmation test (the best q̂ of the points around the change). */
  pValue: number;
  /** Permutations run for that p-value (fewer than configured when the test stopped early). */
  permutations: number;
  /** Mean of the points before / after the change, within the tested context. */
  oldMean: number;
  newMean: number;
  /** First and last+1 index of the tested context. */
  contextStart: number;
  contextEnd: number;
}

/**
 * Design choices, compared on real data by `bench/change-detection/evaluate.cjs --design` (which swaps
 * the fields of {@link DEFAULT_TUNING} for that purpose; nothing else changes them).
 */
export interface EDivisiveTuning {
  /** Candidates are proposed at min(1, factor × maxPValue), then confirmed at maxPValue (Hunter uses 10). */
  splitPValueFactor: number;
  /** Points taken on each side of a candidate when confirming it, in windows (Hunter: whole segments). */
  mergeContextWindows: number;
  /** Confirmation statistic: q̂ at the candidate ('fixed'), the best q̂ of the context ('max'), or no confirmation. */
  mergeStatistic: 'fixed' | 'max' | 'none';
}

/** The chosen design: see the package README ("Confirmation by the best split"). */
export const DEFAULT_TUNING: EDivisiveTuning = { splitPValueFactor: 1, mergeContextWindows: 1, mergeStatistic: 'max' };

interface TestResult {
  pValue: number;
  permutations: number;
  isSignificant: boolean;
}

/**
 * E-divisive means change points of `values` (Matteson & James 2014), in two phases as Hunter/Otava
 * organise them:
 *
 * 1. **Candidates.** Windows of `config.window` points slide over the series by half a window (restarting
 *    at the last change found, as Hunter's `split`). In each window, binary segmentation splits at the
 *    largest q̂ while a permutation test of that maximum (points shuffled within the segment) is
 *    significant; each side of a split keeps at least `minSegmentSize` points.
 * 2. **Confirmation.** Each candidate is tested again in the context of its neighbours: the points from
 *    the previous to the next candidate, at most one window on each side, with the same permutation
 *    test of the largest q̂. The weakest candidate (largest p-value above `maxPValue`, else smallest
 *    relative difference of means below `minMagnitude`) is dropped and its neighbours are re-tested,
 *    until all pass (Hunter's `merge`, with a permutation test instead of Student's t-test).
 *
 * Permutations are seeded from the tested values, so results depend only on the data. A test stops as
 * soon as its p-value can no longer reach `maxPValue`. Cost: O(n · window · log(window)) per permutation
 * round.
 *
 * @example findEDivisiveChangePoints([1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9], EDIVISIVE_DEFAULTS) // → [{ index: 6, pValue: 0.005, ... }]
 */
export function findEDivisiveChangePoints(
  values: readonly number[],
  config: EDivisiveConfig,
  tuning: EDivisiveTuning = DEFAULT_TUNING,
): EDivisiveChangePoint[] {
  if (values.length < 2 * config.minSegmentSize || values.length < 2) {
    return [];
  }
  const run = new EDivisiveRun(values, config, tuning);
  return run.confirm(run.proposeCandidates());
}

interface MaxSplitTest extends TestResult {
  /** Best split, relative to the tested range (−1 when no split is allowed). */
  index: number;
}

/** One analysis: the series, its parameters and the tests already run (a test depends only on its range). */
class EDivisiveRun {
  private readonly tests = new Map<string, MaxSplitTest>();

  constructor(
    private readonly values: readonly number[],
    private readonly config: EDivisiveConfig,
    private readonly tuning: EDivisiveTuning,
  ) {}

  /**
   * Permutation test of the largest q̂ of `values[lo..hi)`. Seeded from those values only, so the
   * same range gives the same answer in both phases and is computed once.
   */
  private testMaxSplit(lo: number, hi: number, maxPValue: number): MaxSplitTest {
    const key = `${lo}:${hi}:${maxPValue}`;
    const cached = this.tests.get(key);
    if (cached) {
      return cached;
    }
    const minSize = this.config.minSegmentSize;
    const seg = prepareSegment(this.values, lo, hi);
    const best = scanSplits(seg, identity(seg.length), { minSize });
    const result: MaxSplitTest =
      best.index < 0
        ? { index: -1, pValue: 1, permutations: 0, isSignificant: false }
        : {
            index: best.index,
            ...permutationTest(seg, {
              observed: best.q,
              statistic: (order) => scanSplits(seg, order, { minSize }).q,
              maxPValue,
              permutations: this.config.permutations,
              seed: hashValues(this.values, { start: lo, end: hi, salt: 1 }),
            }),
          };
    this.tests.set(key, result);
    return result;
  }

  proposeCandidates(): number[] {
    const n = this.values.length;
    const window = Math.min(this.config.window, n);
    const step = Math.max(1, Math.floor(window / 2));
    const found = new Set<number>();
    let start = 0;
    for (;;) {
      const end = Math.min(start + window, n);
      const inWindow = this.bisect(start, end);
      inWindow.forEach((cp) => found.add(cp));
      if (end >= n) {
        break;
      }
      start = Math.max(start + step, ...inWindow);
    }
    return [...found].sort((a, b) => a - b);
  }

  /** Binary segmentation of `values[start..end)` while the best split is significant. */
  private bisect(start: number, end: number): number[] {
    const pValue = Math.min(1, this.config.maxPValue * this.tuning.splitPValueFactor);
    const out: number[] = [];
    const stack: Array<[number, number]> = [[start, end]];
    while (stack.length > 0) {
      const [a, b] = stack.pop()!;
      if (b - a < 2 * this.config.minSegmentSize) {
        continue;
      }
      const test = this.testMaxSplit(a, b, pValue);
      if (!test.isSignificant) {
        continue;
      }
      const cp = a + test.index;
      out.push(cp);
      stack.push([a, cp], [cp, b]);
    }
    return out;
  }

  private evaluate(cps: readonly number[], i: number): EDivisiveChangePoint {
    const { values, config, tuning } = this;
    const cp = cps[i]!;
    const reach = Math.max(1, Math.round(config.window * tuning.mergeContextWindows));
    const lo = Math.max(i > 0 ? cps[i - 1]! : 0, cp - reach);
    const hi = Math.min(i < cps.length - 1 ? cps[i + 1]! : values.length, cp + reach);
    let test: TestResult;
    if (tuning.mergeStatistic === 'max') {
      test = this.testMaxSplit(lo, hi, config.maxPValue);
    } else {
      const seg = prepareSegment(values, lo, hi);
      const statistic = (order: Int32Array): number => scanSplits(seg, order, { minSize: 1, onlyAt: cp - lo }).q;
      test = permutationTest(seg, {
        observed: statistic(identity(seg.length)),
        statistic,
        maxPValue: config.maxPValue,
        permutations: config.permutations,
        seed: hashValues(values, { start: lo, end: hi, salt: 2 }),
      });
    }
    return {
      index: cp,
      pValue: test.pValue,
      permutations: test.permutations,
      oldMean: mean(values, lo, cp),
      newMean: mean(values, cp, hi),
      contextStart: lo,
      contextEnd: hi,
    };
  }

  /** Drops the weakest candidate and re-tests its neighbours until every candidate passes. */
  confirm(candidates: readonly number[]): EDivisiveChangePoint[] {
    const { config, tuning } = this;
    const cps = [...candidates];
    const stats = cps.map((_, i) => this.evaluate(cps, i));
    while (stats.length > 0 && tuning.mergeStatistic !== 'none') {
      let weakest = 0;
      for (let i = 1; i < stats.length; i++) {
        const s = stats[i]!;
        const w = stats[weakest]!;
        if (s.pValue > w.pValue || (s.pValue === w.pValue && magnitude(s) < magnitude(w))) {
          weakest = i;
        }
      }
      if (stats[weakest]!.pValue <= config.maxPValue) {
        weakest = 0;
        for (let i = 1; i < stats.length; i++) {
          if (magnitude(stats[i]!) < magnitude(stats[weakest]!)) {
            weakest = i;
          }
        }
        if (magnitude(stats[weakest]!) >= config.minMagnitude) {
          break;
        }
      }
      cps.splice(weakest, 1);
      stats.splice(weakest, 1);
      if (weakest > 0) {
        stats[weakest - 1] = this.evaluate(cps, weakest - 1);
      }
      if (weakest < stats.length) {
        stats[weakest] = this.evaluate(cps, weakest);
      }
    }
    return stats;
  }
}

/**
 * Permutation p-value (k + 1) / (B + 1) of `observed`, k being the number of the B shuffles whose
 * statistic is at least as large. Stops once k exceeds what a significant result allows.
 */
function permutationTest(
  seg: PreparedSegment,
  options: {
    observed: number;
    statistic: (order: Int32Array) => number;
    maxPValue: number;
    permutations: number;
    seed: number;
  },
): TestResult {
  const { observed, statistic, maxPValue, permutations } = options;
  // Shuffled statistics equal to the observed one up to rounding count as exceedances (constant data → p = 1).
  const bar = observed - 1e-9 * Math.abs(observed);
  const allowed = Math.floor(maxPValue * (permutations + 1) + 1e-9) - 1;
  const random = mulberry32(options.seed);
  const order = identity(seg.length);
  let exceed = 0;
  for (let b = 1; b <= permutations; b++) {
    shuffle(order, random);
    if (statistic(order) >= bar) {
      exceed++;
      if (exceed > allowed) {
        return { pValue: (exceed + 1) / (b + 1), permutations: b, isSignificant: false };
      }
    }
  }
  return { pValue: (exceed + 1) / (permutations + 1), permutations, isSignificant: allowed >= 0 };
}

function mean(values: readonly number[], start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) {
    s += values[i]!;
  }
  return s / (end - start);
}

/** |relative difference of the means|; infinite when the old mean is 0 and the new one is not. */
function magnitude(cp: EDivisiveChangePoint): number {
  if (cp.oldMean === 0) {
    return cp.newMean === 0 ? 0 : Infinity;
  }
  return Math.abs(cp.newMean / cp.oldMean - 1);
}
