/** What the masthead shows about the person signed in. */
export interface Account {
  username: string;
  isAdmin: boolean;
  /** Teams whose members this person may manage (`<name>-team`), sorted. */
  managedTeams: string[];
}

/**
 * The teams a person manages, read from Horreum-style roles: `perf-manager` manages `perf-team`.
 *
 * @example
 * teamsManagedBy(['perf-team', 'perf-manager', 'manager', 'ci-team', 'ci-viewer']) // ['perf-team']
 */
export function teamsManagedBy(roles: readonly string[]): string[] {
  return roles
    .filter((role) => role.endsWith('-team'))
    .filter((team) => roles.includes(`${team.slice(0, -'-team'.length)}-manager`))
    .sort();
}

export function toAccount(me: { username: string; isAdmin: boolean; roles: readonly string[] }): Account {
  return { username: me.username, isAdmin: me.isAdmin, managedTeams: teamsManagedBy(me.roles) };
}
