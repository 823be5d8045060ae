import 'server-only';
import type { Schemas } from '@granary/api-client';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';

export type UserData = Schemas['UserData'];

/** Users whose name or e-mail contains `query` (all of them, up to the API's 100, for an empty one). */
export function findUsers(query: string): Promise<ApiResult<UserData[]>> {
  return callApi((api) => api.GET('/api/user/search', { params: { query: { query } } }));
}

/** Every team, sorted by name. */
export async function findAllTeams(): Promise<ApiResult<string[]>> {
  const result = await callApi((api) => api.GET('/api/user/allTeams'));
  return result.isOk ? { isOk: true, data: [...result.data].sort() } : result;
}
