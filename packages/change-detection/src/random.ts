/**
 * Deterministic randomness for permutation tests: a 32-bit FNV-1a hash of the analysed values seeds a
 * mulberry32 generator, so the same values always give the same p-values, on any machine and in any
 * order of analysis.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the IEEE-754 bytes (little endian) of `values[start..end)`, mixed with `salt`. */
export function hashValues(values: ArrayLike<number>, { start, end, salt = 0 }: { start: number; end: number; salt?: number }): number {
  const view = new DataView(new ArrayBuffer(8));
  let h = (FNV_OFFSET ^ salt) >>> 0;
  for (let i = start; i < end; i++) {
    view.setFloat64(0, values[i] ?? 0, true);
    for (let b = 0; b < 8; b++) {
      h ^= view.getUint8(b);
      h = Math.imul(h, FNV_PRIME) >>> 0;
    }
  }
  return h;
}

/** mulberry32: a small 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffle(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}
