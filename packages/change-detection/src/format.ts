/** Java's `%f`: six decimals ("Infinity", "NaN" as Java prints them). */
export function formatFixed(x: number): string {
  return Number.isFinite(x) ? x.toFixed(6) : String(x);
}

/** A compact number for descriptions: up to 6 significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) {
    return String(x);
  }
  return String(Number(x.toPrecision(6)));
}

/** Signed percentage with two decimals, e.g. "+12.34%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) {
    return fraction > 0 ? '+∞%' : fraction < 0 ? '−∞%' : 'n/a';
  }
  return `${fraction >= 0 ? '+' : ''}${(100 * fraction).toFixed(2)}%`;
}

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/** newMean / oldMean − 1, or null when it is not a finite number. */
export function relativeDifferenceOf(newMean: number, oldMean: number | null): number | null {
  if (oldMean === null) {
    return null;
  }
  const r = newMean / oldMean - 1;
  return Number.isFinite(r) ? r : null;
}
