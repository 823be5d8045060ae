import { describe, expect, it } from 'vitest';
import { restrictToUpload, rolesFor, teamsWith } from './roles';

describe('rolesFor', () => {
  it.each([
    ['no memberships', false, [], []],
    ['an admin without teams', true, [], ['admin']],
    ['a viewer', false, [{ team: 'perf-team', role: 'viewer' }], ['perf-team', 'perf-viewer', 'viewer']],
    ['a tester (viewer too)', false, [{ team: 'perf-team', role: 'tester' }], ['perf-team', 'perf-tester', 'perf-viewer', 'tester', 'viewer']],
    ['an uploader (write-only)', false, [{ team: 'perf-team', role: 'uploader' }], ['perf-team', 'perf-uploader', 'uploader']],
    [
      'roles in two teams',
      false,
      [
        { team: 'a-team', role: 'manager' },
        { team: 'b-team', role: 'viewer' },
      ],
      ['a-manager', 'a-team', 'b-team', 'b-viewer', 'manager', 'viewer'],
    ],
  ] as const)('gives %s the expected roles', (_case, isAdmin, memberships, expected) => {
    expect(rolesFor(isAdmin, memberships)).toEqual(expected);
  });
});

describe('restrictToUpload', () => {
  it('drops every role that reads, changes or administers', () => {
    expect(restrictToUpload(['admin', 'perf-team', 'perf-tester', 'perf-uploader', 'perf-viewer', 'tester', 'uploader', 'viewer'])).toEqual([
      'perf-team',
      'perf-uploader',
      'uploader',
    ]);
  });
});

describe('teamsWith', () => {
  it('lists the teams where a role is held', () => {
    const roles = rolesFor(false, [
      { team: 'a-team', role: 'manager' },
      { team: 'b-team', role: 'tester' },
    ]);
    expect(teamsWith(roles)).toEqual(['a-team', 'b-team']);
    expect(teamsWith(roles, 'manager')).toEqual(['a-team']);
    expect(teamsWith(roles, 'viewer')).toEqual(['b-team']);
  });
});
