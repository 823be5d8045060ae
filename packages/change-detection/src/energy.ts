/**
 * The e-divisive divergence of Matteson & James (2014), "A Nonparametric Approach for Multiple Change
 * Point Analysis of Multivariate Data", JASA 109(505), with α = 1 on univariate data.
 *
 * For a split of a segment into X = x[0..m) and Y = x[m..m+n):
 *
 *   Ê(X, Y) = 2/(mn) Σ|Xi − Yj| − Σ_{i<k}|Xi − Xk| / C(m,2) − Σ_{j<k}|Yj − Yk| / C(n,2)
 *   q̂(X, Y) = mn/(m+n) · Ê(X, Y)
 *
 * (a within-term is 0 when its side has a single point), which is the q̂ of MongoDB's
 * signal-processing-algorithms without the κ end-point search.
 *
 * All splits of a segment are scored in one pass over the points in O(L log L): with B(m) the within-left
 * pair sum, S_i the sum of |x_i − x_k| over the whole segment and T the total pair sum, the cross sum is
 * A(m) = Σ_{i<m} S_i − 2B(m) and the within-right sum is T − A(m) − B(m). B grows by Σ_{k<m}|x_m − x_k|,
 * which a Fenwick tree over the ranks of the values answers in O(log L). The same pass scores any
 * permutation of the points, since S_i, T and the ranks do not depend on the order.
 */

export interface PreparedSegment {
  readonly length: number;
  /** Values minus their mean (distances are unchanged; sums stay small). */
  readonly centered: Float64Array;
  /** 1-based rank of each value; ties broken by position. */
  readonly rank: Int32Array;
  /** S_i = Σ_k |x_i − x_k| over the segment. */
  readonly rowSum: Float64Array;
  /** T = Σ_{i<k} |x_i − x_k|. */
  readonly total: number;
  /** Fenwick tree scratch space (counts and sums), reused by every scan. */
  readonly treeCount: Float64Array;
  readonly treeSum: Float64Array;
}

export interface Split {
  /** Number of points left of the split = index of the first point of the right part. */
  index: number;
  q: number;
}

/** Prepares `values[start..end)` for scoring. */
export function prepareSegment(values: ArrayLike<number>, start = 0, end = values.length): PreparedSegment {
  const length = end - start;
  let mean = 0;
  for (let i = start; i < end; i++) {
    mean += values[i]!;
  }
  mean /= length;
  const centered = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    centered[i] = values[start + i]! - mean;
  }
  const sorted = Array.from({ length }, (_, i) => i).sort((a, b) => centered[a]! - centered[b]! || a - b);
  const rank = new Int32Array(length);
  const rowSum = new Float64Array(length);
  let all = 0;
  for (const i of sorted) {
    all += centered[i]!;
  }
  let below = 0;
  let total = 0;
  for (let r = 0; r < length; r++) {
    const i = sorted[r]!;
    const x = centered[i]!;
    rank[i] = r + 1;
    // r values ≤ x before it, length − r − 1 values ≥ x after it.
    const s = x * r - below + (all - below - x) - x * (length - r - 1);
    rowSum[i] = s;
    total += s;
    below += x;
  }
  return {
    length,
    centered,
    rank,
    rowSum,
    total: total / 2,
    treeCount: new Float64Array(length + 1),
    treeSum: new Float64Array(length + 1),
  };
}

export interface ScanOptions {
  /** Minimum number of points on each side of a split (≥ 1). */
  minSize: number;
  /** Score only the split after exactly this many points. */
  onlyAt?: number;
  /** When given (length L + 1), receives q̂ of every scored split at its index. */
  profile?: Float64Array;
}

/**
 * Scores the splits of the segment taken in `order` (a permutation of 0..L−1, identity for the observed
 * series) and returns the best split with at least `minSize` points on each side, or, with `onlyAt`, the
 * split after exactly that many points. Ties keep the earliest split. Index −1 when no split is allowed.
 */
export function scanSplits(seg: PreparedSegment, order: Int32Array, options: ScanOptions): Split {
  const { length, centered, rank, rowSum, total, treeCount, treeSum } = seg;
  const { onlyAt, profile } = options;
  treeCount.fill(0);
  treeSum.fill(0);
  const first = onlyAt ?? Math.max(1, options.minSize);
  const last = onlyAt ?? length - Math.max(1, options.minSize);
  let best = -Infinity;
  let bestIndex = -1;
  let within = 0;
  let prefixRowSum = 0;
  let inserted = 0;
  let insertedSum = 0;
  for (let t = 0; t < last; t++) {
    const e = order[t]!;
    const x = centered[e]!;
    const r = rank[e]!;
    let countBelow = 0;
    let sumBelow = 0;
    for (let i = r - 1; i > 0; i -= i & -i) {
      countBelow += treeCount[i]!;
      sumBelow += treeSum[i]!;
    }
    within += x * countBelow - sumBelow + (insertedSum - sumBelow) - x * (inserted - countBelow);
    for (let i = r; i <= length; i += i & -i) {
      treeCount[i]! += 1;
      treeSum[i]! += x;
    }
    inserted++;
    insertedSum += x;
    prefixRowSum += rowSum[e]!;
    const m = t + 1;
    if (m < first) {
      continue;
    }
    // q̂ = mn/(m+n) · (2A/(mn) − B/C(m,2) − C/C(n,2)), a within-term being 0 for a single point.
    const n = length - m;
    const cross = prefixRowSum - 2 * within;
    const left = m > 1 ? (2 * within) / (m * (m - 1)) : 0;
    const right = n > 1 ? (2 * (total - cross - within)) / (n * (n - 1)) : 0;
    const q = ((m * n) / length) * ((2 * cross) / (m * n) - left - right);
    if (profile) {
      profile[m] = q;
    }
    if (q > best) {
      best = q;
      bestIndex = m;
    }
  }
  return { index: bestIndex, q: bestIndex < 0 ? 0 : best };
}

/** q̂ of every split m = 0..L of `values` (0 at both ends); O(L log L). Useful to plot or to check. */
export function qHatProfile(values: ArrayLike<number>): Float64Array {
  const seg = prepareSegment(values);
  const profile = new Float64Array(seg.length + 1);
  scanSplits(seg, identity(seg.length), { minSize: 1, profile });
  return profile;
}

export function identity(length: number): Int32Array {
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    order[i] = i;
  }
  return order;
}
