/** The part of the signed-in person's answer from `GET /api/auth/me` that decides what they may change. */
export interface Roles {
  isAdmin: boolean;
  roles: readonly string[];
}

/**
 * Whether a person may change what a team owns (a test, its runs, a schema): administrators,
 * and testers of that team (`perf-tester` for `perf-team`), as in Horreum.
 *
 * @example
 * canChange({ isAdmin: false, roles: ['perf-team', 'perf-tester'] }, 'perf-team') // true
 */
export function canChange(me: Roles | undefined, owner: string): boolean {
  if (!me) {
    return false;
  }
  return me.isAdmin || me.roles.includes(`${owner.replace(/-team$/, '')}-tester`);
}

/**
 * The teams a person may make a schema or test for: those they are a tester of, sorted.
 *
 * @example
 * testerTeams(['perf-team', 'perf-tester', 'ci-team', 'ci-uploader']) // ['perf-team']
 */
export function testerTeams(roles: readonly string[]): string[] {
  return roles
    .filter((role) => role.endsWith('-tester'))
    .map((role) => `${role.slice(0, -'-tester'.length)}-team`)
    .sort();
}
