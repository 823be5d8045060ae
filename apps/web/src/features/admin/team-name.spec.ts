import { describe, expect, it } from 'vitest';
import { toTeamName } from './team-name';

describe('toTeamName', () => {
  it.each<[string, string | undefined]>([
    ['perf', 'perf-team'],
    ['perf-team', 'perf-team'],
    ['  Perf ', 'perf-team'],
    ['e2e', 'e2e-team'],
    ['my.team_1', 'my.team_1-team'],
    ['-team', undefined],
    ['', undefined],
    ['   ', undefined],
    ['perf team', undefined],
    ['-perf', undefined],
    ['perf/x', undefined],
    ['a'.repeat(60), undefined],
    ['a'.repeat(59), `${'a'.repeat(59)}-team`],
  ])('%j → %j', (input, expected) => {
    expect(toTeamName(input)).toBe(expected);
  });
});
