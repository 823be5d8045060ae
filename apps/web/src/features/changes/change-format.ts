import { formatEpoch } from '../../lib/format';
import { describeFingerprint } from '../tests/test-detail-query';
import type { Change } from './change-types';

/** Where a change stands in review: new (nobody looked yet), confirmed, or ignored (does not fire again). */
export type ChangeStatus = 'new' | 'confirmed' | 'ignored';

export const STATUS_TEXT: Record<ChangeStatus, string> = { new: 'New', confirmed: 'Confirmed', ignored: 'Ignored' };

/**
 * A change's review status; ignored wins over confirmed (the API clears one when it sets the other).
 *
 * @example
 * changeStatus({ confirmed: true, ignored: false }) // 'confirmed'
 */
export function changeStatus(change: Pick<Change, 'confirmed' | 'ignored'>): ChangeStatus {
  return change.ignored ? 'ignored' : change.confirmed ? 'confirmed' : 'new';
}

/** Whether a person added the change by hand rather than a model finding it. */
export const isManual = (change: Pick<Change, 'model'>): boolean => change.model === 'manual';

const MODEL_TITLES: Record<string, string> = {
  relativeDifference: 'Relative difference',
  fixedThreshold: 'Fixed threshold',
  eDivisive: 'eDivisive',
  manual: 'Manual',
};

/**
 * The name of the model that found a change (or "Manual"), for people.
 *
 * @example
 * modelTitle('relativeDifference') // 'Relative difference'
 */
export function modelTitle(model: string | null | undefined): string {
  return model ? (MODEL_TITLES[model] ?? model) : 'Unknown model';
}

/**
 * A number as charts and lists show it: at most six significant digits, no exponent for
 * everyday magnitudes, a real minus sign.
 *
 * @example
 * formatValue(1234.56789) // '1234.57'
 * formatValue(-0.000123456) // '−0.000123456'
 */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '';
  }
  const text = String(Number(value.toPrecision(6)));
  return text.replace(/^-/, '−');
}

/**
 * A relative difference (a fraction) as a signed percentage with one decimal.
 *
 * @example
 * formatRelativeDifference(-0.2) // '−20.0 %'
 * formatRelativeDifference(0.125) // '+12.5 %'
 */
export function formatRelativeDifference(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return '';
  }
  const percent = (fraction * 100).toFixed(1);
  return fraction > 0 ? `+${percent} %` : `${percent.replace(/^-/, '−')} %`;
}

/**
 * What a change is, in one line: a manual change's own description; for a detected one, the
 * means and relative difference it recorded (and its significance), else the API's description
 * (Horreum's long sentence).
 *
 * @example
 * describeChange({ description: 'Datapoints 7 (…) - 7 (…): mean 80.000000, …', oldMean: 100, newMean: 80, relativeDifference: -0.2, model: 'relativeDifference' })
 * // 'Mean 100 → 80 (−20.0 %)'
 */
export function describeChange(change: Pick<Change, 'description' | 'oldMean' | 'newMean' | 'relativeDifference' | 'model' | 'pValue'>): string {
  const description = change.description?.trim();
  if (isManual(change)) {
    return description || 'Added by hand';
  }
  const parts: string[] = [];
  if (change.oldMean !== null && change.oldMean !== undefined && change.newMean !== null && change.newMean !== undefined) {
    parts.push(`Mean ${formatValue(change.oldMean)} → ${formatValue(change.newMean)}`);
  }
  const relative = formatRelativeDifference(change.relativeDifference);
  if (relative) {
    parts.push(parts.length ? `(${relative})` : relative);
  }
  if (parts.length && change.pValue !== null && change.pValue !== undefined && Number.isFinite(change.pValue)) {
    parts.push(`p-value ${formatValue(change.pValue)}`);
  }
  return parts.length ? parts.join(' ') : description || 'Change';
}

/**
 * Who decided about a change and when, or that nobody did yet.
 *
 * @example
 * describeDecision({ confirmed: true, ignored: false, decidedBy: 'alice', decidedAt: 1700000000000 })
 * // 'Confirmed by alice, 2023-11-14 22:13:20 UTC'
 */
export function describeDecision(change: Pick<Change, 'confirmed' | 'ignored' | 'decidedBy' | 'decidedAt'>): string {
  const status = changeStatus(change);
  if (status === 'new') {
    return 'Not reviewed';
  }
  const who = change.decidedBy ? ` by ${change.decidedBy}` : '';
  const when = change.decidedAt ? `, ${formatEpoch(change.decidedAt)}` : '';
  return `${STATUS_TEXT[status]}${who}${when}`;
}

/**
 * How a change marker reads in words (charts show colour and shape; this says the same).
 *
 * @example
 * describeMarker({ confirmed: false, ignored: false, model: 'manual' }) // 'new manual change'
 */
export function describeMarker(change: Pick<Change, 'confirmed' | 'ignored' | 'model'>): string {
  return `${STATUS_TEXT[changeStatus(change)].toLowerCase()} ${isManual(change) ? 'manual ' : ''}change`;
}

/**
 * A fingerprint (any JSON the API answers) for people.
 *
 * @example
 * fingerprintText({ arch: 'x86_64' }) // 'arch: x86_64'
 * fingerprintText(null) // 'No fingerprint'
 */
export function fingerprintText(fingerprint: unknown): string {
  if (fingerprint === null || fingerprint === undefined) {
    return 'No fingerprint';
  }
  if (typeof fingerprint === 'object' && !Array.isArray(fingerprint)) {
    return Object.keys(fingerprint).length ? describeFingerprint(fingerprint as Record<string, unknown>) : 'No fingerprint';
  }
  return typeof fingerprint === 'string' ? fingerprint : JSON.stringify(fingerprint);
}
