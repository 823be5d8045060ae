/** A team member's roles, in the order the table shows them (Horreum's UI roles). */
export const TEAM_ROLES = ['viewer', 'tester', 'uploader', 'manager'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A team's membership: user name → roles, as `GET/POST /api/user/team/{team}/members` carry it. */
export type Membership = Readonly<Record<string, readonly TeamRole[]>>;

function canonical(roles: Iterable<TeamRole>): TeamRole[] {
  const set = new Set(roles);
  return TEAM_ROLES.filter((role) => set.has(role));
}

/**
 * The membership with one checkbox changed. A member keeps their row with no roles until saved,
 * so unticking the last box does not make the row jump away under the pointer.
 *
 * @example
 * withRole({ alice: ['viewer'] }, 'alice', 'tester', true) // { alice: ['viewer', 'tester'] }
 */
export function withRole(members: Membership, username: string, role: TeamRole, isChecked: boolean): Membership {
  const roles = new Set(members[username] ?? []);
  if (isChecked) {
    roles.add(role);
  } else {
    roles.delete(role);
  }
  return { ...members, [username]: canonical(roles) };
}

/**
 * The membership with a new member (viewer by default); someone already there is left as is.
 *
 * @example
 * withMember({}, 'bob') // { bob: ['viewer'] }
 */
export function withMember(members: Membership, username: string, roles: readonly TeamRole[] = ['viewer']): Membership {
  const name = username.trim();
  if (!name || name in members) {
    return members;
  }
  return { ...members, [name]: canonical(roles) };
}

/** The membership with a member's roles all taken away (they leave the team when saved). */
export function withoutRoles(members: Membership, username: string): Membership {
  return username in members ? { ...members, [username]: [] } : members;
}

export interface MemberChange {
  username: string;
  added: TeamRole[];
  removed: TeamRole[];
  /** joins the team / leaves it / stays with other roles */
  kind: 'joins' | 'leaves' | 'changes';
}

/**
 * What saving would change, member by member, sorted by user name: what the page lists under
 * "Unsaved changes" and what decides whether "Save" is enabled.
 *
 * @example
 * membershipChanges({ alice: ['viewer'] }, { alice: ['viewer', 'tester'], bob: ['viewer'] })
 * // [{ username: 'alice', added: ['tester'], removed: [], kind: 'changes' }, { username: 'bob', added: ['viewer'], removed: [], kind: 'joins' }]
 */
export function membershipChanges(saved: Membership, edited: Membership): MemberChange[] {
  const names = [...new Set([...Object.keys(saved), ...Object.keys(edited)])].sort();
  const changes: MemberChange[] = [];
  for (const username of names) {
    const before = canonical(saved[username] ?? []);
    const after = canonical(edited[username] ?? []);
    const added = after.filter((role) => !before.includes(role));
    const removed = before.filter((role) => !after.includes(role));
    if (added.length === 0 && removed.length === 0) {
      continue;
    }
    const kind = before.length === 0 ? 'joins' : after.length === 0 ? 'leaves' : 'changes';
    changes.push({ username, added, removed, kind });
  }
  return changes;
}

/**
 * The body for `POST /api/user/team/{team}/members`, which replaces the whole membership:
 * members left without roles are not named, so they leave the team.
 *
 * @example
 * toMembersBody({ alice: ['tester'], bob: [] }) // { alice: ['tester'] }
 */
export function toMembersBody(edited: Membership): Record<string, TeamRole[]> {
  return Object.fromEntries(
    Object.entries(edited)
      .filter(([, roles]) => roles.length > 0)
      .map(([username, roles]) => [username, canonical(roles)]),
  );
}

/** A change in words for the "Unsaved changes" list. */
export function describeChange(change: MemberChange): string {
  switch (change.kind) {
    case 'joins':
      return `${change.username} joins as ${change.added.join(', ')}`;
    case 'leaves':
      return `${change.username} leaves the team`;
    case 'changes': {
      const parts = [
        change.added.length > 0 ? `gains ${change.added.join(', ')}` : '',
        change.removed.length > 0 ? `loses ${change.removed.join(', ')}` : '',
      ].filter(Boolean);
      return `${change.username} ${parts.join(' and ')}`;
    }
  }
}
