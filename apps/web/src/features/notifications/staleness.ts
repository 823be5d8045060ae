/** The units a missing data rule's maximum staleness is entered in, largest last. */
export const STALENESS_UNITS = ['minutes', 'hours', 'days', 'weeks'] as const;
export type StalenessUnit = (typeof STALENESS_UNITS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

export const UNIT_MS: Record<StalenessUnit, number> = { minutes: MINUTE_MS, hours: HOUR_MS, days: DAY_MS, weeks: WEEK_MS };

export const UNIT_TITLES: Record<StalenessUnit, string> = { minutes: 'Minutes', hours: 'Hours', days: 'Days', weeks: 'Weeks' };

/** The longest staleness the form accepts: ten years (the API takes any positive int64, but longer is a typo). */
export const MAX_STALENESS_MS = 3650 * DAY_MS;

/** A staleness as the form shows it: the amount as typed, and its unit. */
export interface StalenessInput {
  amount: string;
  unit: StalenessUnit;
}

/**
 * A maximum staleness (milliseconds) for people, in the largest unit it is a whole number of.
 *
 * @example
 * formatStaleness(21_600_000) // '6 h'
 * formatStaleness(172_800_000) // '2 days'
 * formatStaleness(90_000) // '1.5 min'
 */
export function formatStaleness(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) {
    return '';
  }
  if (ms % WEEK_MS === 0) {
    return plural(ms / WEEK_MS, 'week');
  }
  if (ms % DAY_MS === 0) {
    return plural(ms / DAY_MS, 'day');
  }
  if (ms % HOUR_MS === 0) {
    return `${ms / HOUR_MS} h`;
  }
  if (ms >= MINUTE_MS) {
    return `${round(ms / MINUTE_MS)} min`;
  }
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * A saved staleness as the form's number and unit: the largest unit it is a whole number of
 * (minutes, with a fraction, below that).
 *
 * @example
 * toStalenessInput(21_600_000) // { amount: '6', unit: 'hours' }
 */
export function toStalenessInput(ms: number): StalenessInput {
  const unit = [...STALENESS_UNITS].reverse().find((u) => ms > 0 && ms % UNIT_MS[u] === 0) ?? 'minutes';
  return { amount: ms > 0 ? String(round(ms / UNIT_MS[unit])) : '', unit };
}

/**
 * The form's number and unit as milliseconds, or the message to show by the field.
 *
 * @example
 * parseStaleness({ amount: '1.5', unit: 'hours' }) // { isOk: true, ms: 5_400_000 }
 * parseStaleness({ amount: '0', unit: 'days' }) // { isOk: false, message: 'Enter a time greater than 0.' }
 */
export function parseStaleness(input: StalenessInput): { isOk: true; ms: number } | { isOk: false; message: string } {
  const text = input.amount.trim();
  if (text === '') {
    return { isOk: false, message: 'Enter how long data may be missing.' };
  }
  const amount = Number(text);
  if (!Number.isFinite(amount)) {
    return { isOk: false, message: 'Enter a number, e.g. 6 or 1.5.' };
  }
  const ms = Math.round(amount * UNIT_MS[input.unit]);
  if (ms <= 0) {
    return { isOk: false, message: 'Enter a time greater than 0.' };
  }
  if (ms > MAX_STALENESS_MS) {
    return { isOk: false, message: 'Enter at most ten years.' };
  }
  if (ms < MINUTE_MS) {
    // Missing data is checked once a minute; a shorter staleness would fire at every check.
    return { isOk: false, message: 'Enter at least one minute.' };
  }
  return { isOk: true, ms };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Up to three decimals, without trailing zeros. */
function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
