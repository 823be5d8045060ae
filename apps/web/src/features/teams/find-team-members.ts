import 'server-only';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import type { Membership } from './member-roles';

/** A team's members and their roles (its managers and administrators may ask). */
export function findTeamMembers(team: string): Promise<ApiResult<Membership>> {
  return callApi((api) => api.GET('/api/user/team/{team}/members', { params: { path: { team } } }));
}
