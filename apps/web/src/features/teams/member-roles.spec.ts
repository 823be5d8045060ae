import { describe, expect, it } from 'vitest';
import {
  describeChange,
  membershipChanges,
  toMembersBody,
  withMember,
  withoutRoles,
  withRole,
  type MemberChange,
  type Membership,
  type TeamRole,
} from './member-roles';

describe('withRole', () => {
  it.each<[string, Membership, string, TeamRole, boolean, Membership]>([
    ['adds a role in canonical order', { alice: ['manager'] }, 'alice', 'viewer', true, { alice: ['viewer', 'manager'] }],
    ['removes a role', { alice: ['viewer', 'tester'] }, 'alice', 'viewer', false, { alice: ['tester'] }],
    ['keeps the row when the last role goes', { alice: ['viewer'] }, 'alice', 'viewer', false, { alice: [] }],
    ['does not duplicate a role', { alice: ['viewer'] }, 'alice', 'viewer', true, { alice: ['viewer'] }],
    ['adds a user not yet listed', {}, 'bob', 'uploader', true, { bob: ['uploader'] }],
    ['leaves the other members alone', { alice: ['viewer'], bob: ['tester'] }, 'bob', 'manager', true, { alice: ['viewer'], bob: ['tester', 'manager'] }],
  ])('%s', (_name, members, username, role, isChecked, expected) => {
    expect(withRole(members, username, role, isChecked)).toEqual(expected);
  });

  it('does not change its input', () => {
    const members: Membership = { alice: ['viewer'] };
    withRole(members, 'alice', 'tester', true);
    expect(members).toEqual({ alice: ['viewer'] });
  });
});

describe('withMember', () => {
  it.each<[string, Membership, string, Membership]>([
    ['adds a viewer', {}, 'bob', { bob: ['viewer'] }],
    ['trims the name', {}, '  bob ', { bob: ['viewer'] }],
    ['ignores an empty name', { alice: ['viewer'] }, '  ', { alice: ['viewer'] }],
    ['keeps an existing member as is', { bob: ['manager'] }, 'bob', { bob: ['manager'] }],
  ])('%s', (_name, members, username, expected) => {
    expect(withMember(members, username)).toEqual(expected);
  });
});

describe('withoutRoles', () => {
  it('empties a member\'s roles', () => {
    expect(withoutRoles({ alice: ['viewer', 'manager'] }, 'alice')).toEqual({ alice: [] });
  });
  it('ignores a stranger', () => {
    expect(withoutRoles({ alice: ['viewer'] }, 'bob')).toEqual({ alice: ['viewer'] });
  });
});

describe('membershipChanges', () => {
  it.each<[string, Membership, Membership, MemberChange[]]>([
    ['nothing changed', { alice: ['viewer'] }, { alice: ['viewer'] }, []],
    ['order does not matter', { alice: ['tester', 'viewer'] }, { alice: ['viewer', 'tester'] }, []],
    ['a role gained', { alice: ['viewer'] }, { alice: ['viewer', 'tester'] }, [{ username: 'alice', added: ['tester'], removed: [], kind: 'changes' }]],
    ['a role swapped', { alice: ['viewer'] }, { alice: ['manager'] }, [{ username: 'alice', added: ['manager'], removed: ['viewer'], kind: 'changes' }]],
    ['a new member', {}, { bob: ['viewer'] }, [{ username: 'bob', added: ['viewer'], removed: [], kind: 'joins' }]],
    ['a member left without roles', { bob: ['viewer', 'uploader'] }, { bob: [] }, [{ username: 'bob', added: [], removed: ['viewer', 'uploader'], kind: 'leaves' }]],
    ['a member missing from the edit', { bob: ['viewer'] }, {}, [{ username: 'bob', added: [], removed: ['viewer'], kind: 'leaves' }]],
    ['an added row with no roles is no change', {}, { carol: [] }, []],
    [
      'sorted by user name',
      { zed: ['viewer'] },
      { zed: [], amy: ['tester'] },
      [
        { username: 'amy', added: ['tester'], removed: [], kind: 'joins' },
        { username: 'zed', added: [], removed: ['viewer'], kind: 'leaves' },
      ],
    ],
  ])('%s', (_name, saved, edited, expected) => {
    expect(membershipChanges(saved, edited)).toEqual(expected);
  });
});

describe('toMembersBody', () => {
  it.each<[string, Membership, Record<string, TeamRole[]>]>([
    ['names everyone with a role', { alice: ['viewer'], bob: ['tester', 'manager'] }, { alice: ['viewer'], bob: ['tester', 'manager'] }],
    ['drops members without roles', { alice: ['viewer'], bob: [] }, { alice: ['viewer'] }],
    ['puts roles in canonical order', { alice: ['manager', 'viewer'] }, { alice: ['viewer', 'manager'] }],
    ['an empty team', {}, {}],
  ])('%s', (_name, edited, expected) => {
    expect(toMembersBody(edited)).toEqual(expected);
  });
});

describe('describeChange', () => {
  it.each<[MemberChange, string]>([
    [{ username: 'bob', added: ['viewer', 'tester'], removed: [], kind: 'joins' }, 'bob joins as viewer, tester'],
    [{ username: 'bob', added: [], removed: ['viewer'], kind: 'leaves' }, 'bob leaves the team'],
    [{ username: 'bob', added: ['manager'], removed: [], kind: 'changes' }, 'bob gains manager'],
    [{ username: 'bob', added: [], removed: ['tester'], kind: 'changes' }, 'bob loses tester'],
    [{ username: 'bob', added: ['manager'], removed: ['viewer'], kind: 'changes' }, 'bob gains manager and loses viewer'],
  ])('%j reads %s', (change, expected) => {
    expect(describeChange(change)).toBe(expected);
  });
});
