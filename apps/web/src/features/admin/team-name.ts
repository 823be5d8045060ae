// Horreum's and the API's rule: lower-case letters, digits and . _ -, ending in "-team", at most 64 characters.
const TEAM_NAME = /^[a-z0-9][a-z0-9._-]*-team$/;
const MAX_TEAM_NAME_LENGTH = 64;

/**
 * The team name for what a person typed: trimmed, lower-cased, with `-team` added when missing.
 * Undefined when it cannot be a team name, so the form says so before asking the API.
 *
 * @example
 * toTeamName('Perf') // 'perf-team'
 * toTeamName('perf-team') // 'perf-team'
 */
export function toTeamName(input: string): string | undefined {
  const base = input.trim().toLowerCase();
  if (!base) {
    return undefined;
  }
  const name = base.endsWith('-team') ? base : `${base}-team`;
  return TEAM_NAME.test(name) && name.length <= MAX_TEAM_NAME_LENGTH ? name : undefined;
}
