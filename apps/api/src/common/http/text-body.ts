import { DomainError } from '../problem/domain-error';

/**
 * A text/plain body as Horreum reads it: its UI sends such bodies JSON-encoded, so one pair of
 * surrounding double quotes is removed. Accepts `foo` and `"foo"` alike.
 */
export function destringify(body: unknown): string {
  if (typeof body !== 'string') {
    throw new DomainError('unsupported-media-type', { detail: 'Send this body as text/plain.' });
  }
  const text = body.trim();
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}
