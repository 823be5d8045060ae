import { describe, expect, it } from 'vitest';
import { teamsManagedBy, toAccount } from './account';

describe('teamsManagedBy', () => {
  it.each<[string, string[], string[]]>([
    ['no roles', [], []],
    ['a manager of one team', ['perf-team', 'perf-manager', 'manager'], ['perf-team']],
    ['a tester manages nothing', ['perf-team', 'perf-tester', 'perf-viewer', 'tester', 'viewer'], []],
    ['only the teams with the manager role', ['ci-team', 'ci-viewer', 'perf-team', 'perf-manager'], ['perf-team']],
    ['several, sorted', ['z-team', 'z-manager', 'a-team', 'a-manager'], ['a-team', 'z-team']],
    ['a manager role without the team role is ignored', ['perf-manager'], []],
    ['admin alone manages no team by role', ['admin'], []],
  ])('%s', (_name, roles, expected) => {
    expect(teamsManagedBy(roles)).toEqual(expected);
  });
});

describe('toAccount', () => {
  it('keeps the name and admin flag', () => {
    expect(toAccount({ username: 'alice', isAdmin: true, roles: ['admin', 'perf-team', 'perf-manager'] })).toEqual({
      username: 'alice',
      isAdmin: true,
      managedTeams: ['perf-team'],
    });
  });
});
