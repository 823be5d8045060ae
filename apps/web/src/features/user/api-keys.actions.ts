'use server';

import { refresh } from 'next/cache';
import { callApi, callApiNoContent } from '../../lib/api';
import { formProblem, type ApiResult } from '../../lib/api-result';
import { inSession } from '../../lib/session';

const PAGE = '/user/api-keys';

export interface NewApiKey {
  name: string;
  /** ISO instant the key stops working; none for a key that never expires. */
  expiresAt?: string;
  uploadOnly: boolean;
}

/** Creates an API key for the person signed in and answers it: the only time anyone sees it. */
export async function createApiKey(key: NewApiKey): Promise<ApiResult<string>> {
  const name = key.name.trim();
  if (!name) {
    return { isOk: false, problem: formProblem('Give the key a name, e.g. the job that will use it.') };
  }
  const result = await inSession(
    await callApi((api) =>
      api.POST('/api/user/apikey', {
        body: { name, type: 'USER', uploadOnly: key.uploadOnly, ...(key.expiresAt ? { expiresAt: key.expiresAt } : {}) },
        // The key comes back as text/plain, as in Horreum.
        parseAs: 'text',
      }),
    ),
    PAGE,
  );
  if (result.isOk) {
    refresh();
  }
  return result;
}

/** Revokes one of the caller's keys at once; requests made with it are answered 401 from then on. */
export async function revokeApiKey(id: number): Promise<ApiResult<void>> {
  const result = await inSession(
    await callApiNoContent((api) => api.PUT('/api/user/apikey/{id}/revoke', { params: { path: { id } } })),
    PAGE,
  );
  if (result.isOk) {
    refresh();
  }
  return result;
}
