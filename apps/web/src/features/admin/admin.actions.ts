'use server';

import { refresh } from 'next/cache';
import { callApi, callApiNoContent } from '../../lib/api';
import { formProblem, type ApiResult } from '../../lib/api-result';
import { inSession } from '../../lib/session';
import type { TeamRole } from '../teams/member-roles';
import { toTeamName } from './team-name';

const PAGE = '/admin';

export interface NewUserInput {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Empty: the user signs in through the OIDC provider only. */
  password: string;
  /** Empty: no team yet. */
  team: string;
  roles: TeamRole[];
}

const orUndefined = (value: string) => value.trim() || undefined;

/** `POST /api/user/createUser`, with a team and roles when chosen. */
export async function createUser(input: NewUserInput): Promise<ApiResult<void>> {
  const username = input.username.trim();
  if (!username) {
    return { isOk: false, problem: formProblem('Enter a user name.') };
  }
  if (input.team && input.roles.length === 0) {
    return { isOk: false, problem: formProblem(`Choose at least one role in ${input.team}, or no team.`) };
  }
  const result = await inSession(
    await callApiNoContent((api) =>
      api.POST('/api/user/createUser', {
        body: {
          // The contract marks `id` required (Horreum's UserData); the API assigns it and ignores this.
          user: { id: '', username, email: orUndefined(input.email), firstName: orUndefined(input.firstName), lastName: orUndefined(input.lastName) },
          ...(input.password ? { password: input.password } : {}),
          ...(input.team ? { team: input.team, roles: input.roles } : {}),
        },
      }),
    ),
    PAGE,
  );
  if (result.isOk) {
    refresh();
  }
  return result;
}

/** `DELETE /api/user/{username}`. */
export async function removeUser(username: string): Promise<ApiResult<void>> {
  const result = await inSession(await callApiNoContent((api) => api.DELETE('/api/user/{username}', { params: { path: { username } } })), PAGE);
  if (result.isOk) {
    refresh();
  }
  return result;
}

/** `POST /api/user/{username}/resetPassword`: the new password, shown once. */
export async function resetPassword(username: string): Promise<ApiResult<string>> {
  const result = await inSession(await callApi((api) => api.POST('/api/user/{username}/resetPassword', { params: { path: { username } } })), PAGE);
  return result.isOk ? { isOk: true, data: result.data.password } : result;
}

/** `POST /api/user/team/{team}` for what the person typed (`perf` becomes `perf-team`). */
export async function createTeam(input: string): Promise<ApiResult<string>> {
  const team = toTeamName(input);
  if (!team) {
    return {
      isOk: false,
      problem: formProblem('A team name is lower-case letters, digits and . _ -, at most 64 characters with "-team" (added for you).'),
    };
  }
  const result = await inSession(await callApiNoContent((api) => api.POST('/api/user/team/{team}', { params: { path: { team } } })), PAGE);
  if (result.isOk) {
    refresh();
  }
  return result.isOk ? { isOk: true, data: team } : result;
}

/** `DELETE /api/user/team/{team}` (the API refuses a team that still owns tests, runs or schemas). */
export async function deleteTeam(team: string): Promise<ApiResult<void>> {
  const result = await inSession(await callApiNoContent((api) => api.DELETE('/api/user/team/{team}', { params: { path: { team } } })), PAGE);
  if (result.isOk) {
    refresh();
  }
  return result;
}
