/**
 * Synthetic series with known truth, shared by the unit tests and bench/change-detection/evaluate.cjs
 * (which reads the built copy in dist/testing). Deterministic: each scenario has its own seed.
 */
import { mulberry32 } from '../random';
import type { Datapoint } from '../types';

export interface Scenario {
  name: string;
  description: string;
  points: Datapoint[];
  /** Indices where a change starts (first point of the new level). */
  changes: number[];
  /** Indices of single-point outliers (not changes). */
  outliers: number[];
  /** A plausible fixed-threshold band around the starting level (±10 %). */
  band: { min: number; max: number };
}

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2025, 0, 1);

/** Normal deviates from a seeded generator (Box–Muller). */
export function gaussian(seed: number): () => number {
  const random = mulberry32(seed);
  return () => {
    const u = Math.max(random(), 1e-12);
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Piecewise-constant levels with relative Gaussian noise; `levels` are [length, level] pairs. */
function steps(seed: number, noise: number, levels: Array<[number, number]>): { values: number[]; changes: number[] } {
  const g = gaussian(seed);
  const values: number[] = [];
  const changes: number[] = [];
  for (const [length, level] of levels) {
    if (values.length > 0) {
      changes.push(values.length);
    }
    for (let i = 0; i < length; i++) {
      values.push(level * (1 + noise * g()));
    }
  }
  return { values, changes };
}

function daily(values: number[], times?: number[]): Datapoint[] {
  return values.map((value, i) => ({ id: i, time: times?.[i] ?? START_MS + i * DAY_MS, value }));
}

function scenario(s: Omit<Scenario, 'points' | 'band'> & { values: number[]; times?: number[] }): Scenario {
  const level = s.values[0]!;
  return {
    name: s.name,
    description: s.description,
    points: daily(s.values, s.times),
    changes: s.changes,
    outliers: s.outliers,
    band: { min: Math.round(level * 0.9), max: Math.round(level * 1.1) },
  };
}

/** The scenarios of the quality table (README of bench/change-detection). */
export function syntheticScenarios(): Scenario[] {
  const list: Scenario[] = [];
  {
    const s = steps(11, 0.01, [[60, 100], [60, 130]]);
    list.push(scenario({ name: 'step up, clean', description: '100 → 130 (+30 %), noise 1 %', ...s, outliers: [] }));
  }
  {
    const s = steps(12, 0.01, [[60, 100], [60, 75]]);
    list.push(scenario({ name: 'step down, clean', description: '100 → 75 (−25 %), noise 1 %', ...s, outliers: [] }));
  }
  {
    const s = steps(13, 0.05, [[80, 100], [80, 112]]);
    list.push(scenario({ name: 'noisy step', description: '100 → 112 (+12 %), noise 5 %', ...s, outliers: [] }));
  }
  {
    const s = steps(14, 0.02, [[50, 100], [50, 120], [50, 90], [50, 110]]);
    list.push(scenario({ name: 'three steps', description: '100 → 120 → 90 → 110, noise 2 %', ...s, outliers: [] }));
  }
  {
    const s = steps(15, 0.01, [[60, 100], [20, 130], [60, 100]]);
    list.push(scenario({ name: 'regression and recovery', description: '100 → 130 for 20 points → 100, noise 1 %', ...s, outliers: [] }));
  }
  {
    const s = steps(16, 0.01, [[100, 100]]);
    s.values[50] = 160;
    list.push(scenario({ name: 'single outlier', description: '100, noise 1 %, one point at 160 (index 50)', ...s, outliers: [50] }));
  }
  {
    const s = steps(17, 0.01, [[100, 100]]);
    s.values[99] = 40;
    list.push(scenario({ name: 'outlier as newest point', description: '100, noise 1 %, the last point at 40', ...s, outliers: [99] }));
  }
  {
    const g = gaussian(18);
    const values = Array.from({ length: 200 }, (_, i) => (100 + (30 * i) / 199) * (1 + 0.01 * g()));
    list.push(scenario({ name: 'slow drift', description: '100 → 130 linearly over 200 points, noise 1 %', values, changes: [], outliers: [] }));
  }
  {
    const g = gaussian(19);
    const random = mulberry32(190);
    const values = Array.from({ length: 150 }, () => (random() < 0.5 ? 100 : 125) * (1 + 0.01 * g()));
    list.push(scenario({ name: 'bimodal noise', description: '100 or 125 at random (p = ½), noise 1 %, no change', values, changes: [], outliers: [] }));
  }
  {
    const values = [100, 101, 99, 100, 130, 131, 129, 130];
    list.push(scenario({ name: 'short series', description: '8 points: 4 at 100, 4 at 130', values, changes: [4], outliers: [] }));
  }
  {
    const values = Array.from({ length: 100 }, () => 100);
    list.push(scenario({ name: 'constant', description: '100 points of exactly 100', values, changes: [], outliers: [] }));
  }
  {
    // Irregular times: runs on some days only, a 30-day hole before the step, several runs on one day.
    const s = steps(20, 0.01, [[40, 100], [40, 80]]);
    const random = mulberry32(200);
    const times: number[] = [];
    let t = START_MS;
    for (let i = 0; i < s.values.length; i++) {
      t += i === 40 ? 30 * DAY_MS : Math.floor(random() * 3) * DAY_MS + 3_600_000;
      times.push(t);
    }
    list.push(
      scenario({ name: 'gaps, irregular times', description: '100 → 80, noise 1 %, irregular times with a 30-day gap at the step', ...s, times, outliers: [] }),
    );
  }
  return list;
}
