'use server';

import { refresh } from 'next/cache';
import { callApiNoContent } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import { inSession } from '../../lib/session';
import { toMembersBody, type Membership } from './member-roles';

/** Saves a team's whole membership (`POST /api/user/team/{team}/members` replaces it). */
export async function saveTeamMembers(team: string, members: Membership): Promise<ApiResult<void>> {
  const result = await inSession(
    await callApiNoContent((api) => api.POST('/api/user/team/{team}/members', { params: { path: { team } }, body: toMembersBody(members) })),
    `/teams/${encodeURIComponent(team)}`,
  );
  if (result.isOk) {
    refresh();
  }
  return result;
}
