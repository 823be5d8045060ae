/**
 * Horreum's role model, computed from memberships: a membership with role `tester` in
 * `perf-team` gives `perf-team`, `perf-tester` and the generic `tester`; testers are viewers
 * too (`perf-viewer`, `viewer`). Uploaders are write-only: no viewer role. Admins get `admin`.
 * Row-level security policies read exactly these names.
 */
import type { Caller } from '../common/db/caller';

export const TEAM_ROLES = ['viewer', 'uploader', 'tester', 'manager'] as const;
export type TeamRoleName = (typeof TEAM_ROLES)[number];

export interface Membership {
  team: string;
  role: TeamRoleName;
}

export function teamBase(team: string): string {
  return team.replace(/-team$/, '');
}

/**
 * Administrators, and holders of any of `roles` in `team` (`perf-team`, 'tester' → `perf-tester`):
 * the rule the database's granary_team_role() policies apply.
 */
export function hasTeamRole(caller: Caller, team: string, ...roles: TeamRoleName[]): boolean {
  return caller.kind === 'user' && (caller.isAdmin || roles.some((role) => caller.roles.includes(`${teamBase(team)}-${role}`)));
}

/**
 * @example rolesFor(false, [{ team: 'perf-team', role: 'tester' }])
 * // ['perf-team', 'perf-tester', 'perf-viewer', 'tester', 'viewer']
 */
export function rolesFor(isAdmin: boolean, memberships: readonly Membership[]): string[] {
  const roles = new Set<string>();
  if (isAdmin) {
    roles.add('admin');
  }
  for (const { team, role } of memberships) {
    const base = teamBase(team);
    roles.add(team).add(`${base}-${role}`).add(role);
    if (role === 'tester') {
      roles.add(`${base}-viewer`).add('viewer');
    }
  }
  return [...roles].sort();
}

/** An upload-only API key keeps team membership and uploader roles, nothing that reads or changes. */
export function restrictToUpload(roles: readonly string[]): string[] {
  return roles.filter((r) => r === 'uploader' || r.endsWith('-team') || r.endsWith('-uploader'));
}

/** The teams (`<name>-team`) in which the roles include `role` (or any role when omitted). */
export function teamsWith(roles: readonly string[], role?: TeamRoleName): string[] {
  return roles
    .filter((r) => r.endsWith('-team'))
    .filter((team) => role === undefined || roles.includes(`${teamBase(team)}-${role}`))
    .sort();
}
