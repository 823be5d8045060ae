import type { Schemas } from '@granary/api-client';

export type ApiKey = Schemas['ApiKeyResponse'];

const DAY_MS = 24 * 60 * 60 * 1000;
// Within this many days an active key's expiry is shown as a warning.
const EXPIRY_WARNING_DAYS = 7;

/** A key's state as the list shows it: a PatternFly label text and colour. */
export interface KeyStatus {
  text: 'Active' | 'Revoked' | 'Expired';
  color: 'green' | 'grey' | 'red';
}

/**
 * Active, revoked or expired (revoked wins: it is what the person did).
 *
 * @example
 * keyStatus({ isRevoked: false, expiresAt: '2020-01-01T00:00:00Z' }, Date.parse('2026-01-01')) // { text: 'Expired', color: 'red' }
 */
export function keyStatus(key: Pick<ApiKey, 'isRevoked' | 'expiresAt'>, now: number): KeyStatus {
  if (key.isRevoked) {
    return { text: 'Revoked', color: 'grey' };
  }
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) {
    return { text: 'Expired', color: 'red' };
  }
  return { text: 'Active', color: 'green' };
}

export interface ExpiryDescription {
  text: string;
  /** Soon (within a week) or past: the view shows it as a warning. */
  isWarning: boolean;
}

/**
 * When a key stops working, in words: "Never", "Expired", "Today", "Tomorrow", "In 12 days".
 * Counted from `expiresAt` so it stays right however old the page is.
 *
 * @example
 * describeExpiry({ expiresAt: '2026-01-11T00:00:00Z' }, Date.parse('2026-01-01T00:00:00Z')) // { text: 'In 10 days', isWarning: false }
 */
export function describeExpiry(key: Pick<ApiKey, 'expiresAt'>, now: number): ExpiryDescription {
  if (!key.expiresAt) {
    return { text: 'Never', isWarning: false };
  }
  const left = Date.parse(key.expiresAt) - now;
  if (left <= 0) {
    return { text: 'Expired', isWarning: true };
  }
  const days = Math.floor(left / DAY_MS);
  const text = days === 0 ? 'Today' : days === 1 ? 'Tomorrow' : `In ${days} days`;
  return { text, isWarning: days < EXPIRY_WARNING_DAYS };
}

/**
 * A timestamp as the lists show it, the same on the server and in every browser (UTC).
 *
 * @example
 * formatTimestamp('2026-03-04T05:06:07.890Z') // '2026-03-04 05:06 UTC'
 */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The instant a key chosen to expire "on" a calendar day stops working: the end of that day in
 * the browser's time zone, as ISO. Undefined for an empty or malformed date input.
 *
 * @example
 * endOfLocalDay('2026-01-31') // the ISO string of 2026-01-31 23:59:59.999 local time
 */
export function endOfLocalDay(dateInput: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateInput.trim());
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day, 23, 59, 59, 999);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return undefined;
  }
  return date.toISOString();
}

/**
 * A local calendar day as a date input's value (`YYYY-MM-DD`), e.g. for the input's `min`.
 *
 * @example
 * toDateInputValue(new Date(2026, 0, 5)) // '2026-01-05'
 */
export function toDateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
