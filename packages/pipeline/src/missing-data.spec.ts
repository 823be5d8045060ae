import { describe, expect, it } from 'vitest';
import { isMatch } from './missing-data';
import type { Evaluation } from './processor';

describe('isMatch', () => {
  it.each<[string, Evaluation | undefined, boolean]>([
    ['true', { ok: true, value: true }, true],
    ['false', { ok: true, value: false }, false],
    ['a truthy non-boolean', { ok: true, value: 1 }, false],
    ['the string "true"', { ok: true, value: 'true' }, false],
    ['null', { ok: true, value: null }, false],
    ['an error', { ok: false, error: 'boom' }, false],
    ['no answer', undefined, false],
  ])('%s → %s', (_name, evaluation, expected) => {
    expect(isMatch(evaluation)).toBe(expected);
  });
});

// Rule evaluation against the database (one sandbox call per rule, matches stored, results replaced)
// is tested on real PostgreSQL through the API: apps/api/src/notifications/notifications.http.int.spec.ts.
