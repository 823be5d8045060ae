import { describe, expect, it } from 'vitest';
import { canChange, testerTeams, type Roles } from './permissions';

describe('canChange', () => {
  it.each<[string, Roles | undefined, string, boolean]>([
    ['an anonymous visitor', undefined, 'perf-team', false],
    ['an administrator', { isAdmin: true, roles: [] }, 'perf-team', true],
    ['a tester of the team', { isAdmin: false, roles: ['perf-team', 'perf-tester'] }, 'perf-team', true],
    ['a viewer of the team', { isAdmin: false, roles: ['perf-team', 'perf-viewer'] }, 'perf-team', false],
    ['an uploader of the team', { isAdmin: false, roles: ['perf-team', 'perf-uploader'] }, 'perf-team', false],
    ['a tester of another team', { isAdmin: false, roles: ['ci-team', 'ci-tester'] }, 'perf-team', false],
  ])('%s: %s', (_name, me, owner, expected) => {
    expect(canChange(me, owner)).toBe(expected);
  });
});

describe('testerTeams', () => {
  it('lists the teams of tester roles, sorted', () => {
    expect(testerTeams(['perf-team', 'perf-tester', 'ci-team', 'ci-uploader', 'a-tester', 'admin'])).toEqual(['a-team', 'perf-team']);
  });
});
