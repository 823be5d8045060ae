import { detectChanges } from './detect';
import type { Change, Condition, PointId, Series } from './types';

/** A change the caller already stores: the point where it starts, and whether a person confirmed it. */
export interface ExistingChange {
  pointId: PointId;
  /** Confirmed and manual changes survive re-analysis; unconfirmed ones are recomputed (Horreum §3.4). */
  confirmed?: boolean;
}

export interface Reconciliation<T extends ExistingChange> {
  /** Found at a point that carries no change yet: store them (and notify). */
  added: Change[];
  /** Found at a point that already carries a change: nothing to do, so re-analysis is idempotent. */
  known: Change[];
  /** Unconfirmed changes at or after `from` that the analysis no longer finds (Horreum deletes them). */
  obsolete: T[];
}

const key = (id: PointId): string => String(id);

/**
 * Compares a new analysis with the changes already stored, matching by point id (a number id and its
 * string form match), so that re-analysing the same data, or re-analysing after a back-filled point,
 * never reports a change twice. Duplicates within `detected` (same point and model) are reported once.
 *
 * @example reconcileChanges({ series, existing: [{ pointId: 17, confirmed: false }], detected, from: 40 })
 */
export function reconcileChanges<T extends ExistingChange>(input: {
  series: Series;
  existing: readonly T[];
  detected: readonly Change[];
  /** First re-analysed index; existing unconfirmed changes before it are out of scope. Default 0. */
  from?: number;
}): Reconciliation<T> {
  const from = input.from ?? 0;
  const indexOf = new Map<string, number>();
  input.series.points.forEach((p, i) => indexOf.set(key(p.id), i));
  const existingAt = new Set(input.existing.map((c) => key(c.pointId)));
  const detectedAt = new Set(input.detected.map((c) => key(c.pointId)));
  const added: Change[] = [];
  const known: Change[] = [];
  const seen = new Set<string>();
  for (const change of input.detected) {
    const id = `${change.model}\u0000${key(change.pointId)}`;
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    (existingAt.has(key(change.pointId)) ? known : added).push(change);
  }
  const obsolete = input.existing.filter((c) => {
    const index = indexOf.get(key(c.pointId));
    return !c.confirmed && index !== undefined && index >= from && !detectedAt.has(key(c.pointId));
  });
  return { added, known, obsolete };
}

/**
 * Re-analyses a series after new or back-filled points, Horreum-style, and reconciles the result with
 * the stored changes: changes before `from` and confirmed ones restart the history as known changes;
 * unconfirmed ones from `from` on are recomputed. The caller stores `added`, deletes `obsolete` (or keeps
 * them) and ignores `known`.
 *
 * @example reanalyse({ series: { points, outliers }, existing, conditions, from: indexOfBackfilledPoint })
 */
export function reanalyse<T extends ExistingChange>(input: {
  series: Series;
  existing: readonly T[];
  conditions: readonly Condition[];
  from: number;
}): Reconciliation<T> {
  const { series, existing, conditions, from } = input;
  const indexOf = new Map<string, number>();
  series.points.forEach((p, i) => indexOf.set(key(p.id), i));
  const restart = existing
    .filter((c) => c.confirmed || (indexOf.get(key(c.pointId)) ?? Infinity) < from)
    .map((c) => c.pointId);
  const detected = detectChanges({ ...series, changes: [...(series.changes ?? []), ...restart] }, conditions, { from });
  return reconcileChanges({ series, existing, detected, from });
}
