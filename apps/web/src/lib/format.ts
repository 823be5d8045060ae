/**
 * An instant (epoch milliseconds) as the lists show it: the same on the server and in every
 * browser (UTC), to the second.
 *
 * @example
 * formatEpoch(1700000000000) // '2023-11-14 22:13:20 UTC'
 */
export function formatEpoch(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return '';
  }
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * How long something took, in the largest units that matter.
 *
 * @example
 * formatDuration(3_723_000) // '1 h 2 min 3 s'
 * formatDuration(450) // '450 ms'
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = Math.round(ms / 1000);
  const parts: string[] = [];
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours) {
    parts.push(`${hours} h`);
  }
  if (minutes) {
    parts.push(`${minutes} min`);
  }
  if (rest || parts.length === 0) {
    parts.push(`${rest} s`);
  }
  return parts.join(' ');
}

/**
 * A size in bytes for people (binary units, as file managers show them).
 *
 * @example
 * formatBytes(1536) // '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/**
 * A label value (any JSON) in a table cell: text as is, numbers and booleans as written, objects
 * and arrays as compact JSON, and nothing for a missing value.
 *
 * @example
 * formatJsonValue({ a: 1 }) // '{"a":1}'
 * formatJsonValue('x86_64') // 'x86_64'
 */
export function formatJsonValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
