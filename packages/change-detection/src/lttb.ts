/**
 * Largest-triangle-three-buckets (Steinarsson 2013): reduces a series to about `threshold` points
 * for drawing while keeping its shape. Points whose index is in `keep` (where a change starts) are
 * always kept, and so are the first and the last point. Returns indexes into `points`, ascending.
 *
 * @example reduceSeries(points, 500, new Set([changeIndex]))
 */
export function reduceSeries(points: readonly { time: number; value: number }[], threshold: number, keep: ReadonlySet<number> = new Set()): number[] {
  const n = points.length;
  if (threshold >= n || n <= 2) {
    return points.map((_, i) => i);
  }
  const target = Math.max(3, Math.floor(threshold));
  const chosen = new Set<number>([0, n - 1, ...[...keep].filter((i) => i >= 0 && i < n)]);
  const buckets = target - 2;
  const size = (n - 2) / buckets;
  let a = 0;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size) + 1;
    const end = Math.min(Math.floor((b + 1) * size) + 1, n - 1);
    // The average of the next bucket is the triangle's third corner.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * size) + 1, n);
    let avgTime = 0;
    let avgValue = 0;
    const count = Math.max(1, nextEnd - nextStart);
    for (let i = nextStart; i < nextEnd; i++) {
      avgTime += points[i]!.time;
      avgValue += points[i]!.value;
    }
    avgTime /= count;
    avgValue /= count;
    let best = start;
    let bestArea = -1;
    const pa = points[a]!;
    for (let i = start; i < end; i++) {
      const p = points[i]!;
      const area = Math.abs((pa.time - avgTime) * (p.value - pa.value) - (pa.time - p.time) * (avgValue - pa.value));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    chosen.add(best);
    a = best;
  }
  return [...chosen].sort((x, y) => x - y);
}
