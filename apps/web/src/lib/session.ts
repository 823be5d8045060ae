import 'server-only';
import type { Schemas } from '@granary/api-client';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { callApi, readSessionToken, webConfig } from './api';
import type { ApiResult } from './api-result';
import { loginPath, sessionEndedPath } from './safe-next';
import { clearSession } from './session-cookies';

export type Me = Schemas['MeDto'];

/**
 * Who is signed in, asked once per request (the layout and the page share the answer):
 * undefined without a session cookie, else the API's answer to `GET /api/auth/me`.
 */
export const getCurrentUser = cache(async (): Promise<ApiResult<Me> | undefined> => {
  const token = await readSessionToken();
  return token ? callApi((api) => api.GET('/api/auth/me'), { token }) : undefined;
});

/**
 * For pages only signed-in people see: without a session, to the sign-in page (and back to
 * `path` afterwards); with one that ended, the same after forgetting the cookie. Any other
 * failure (the API is down) is returned for the page to show.
 */
export async function requireUser(path: string): Promise<ApiResult<Me>> {
  const me = await getCurrentUser();
  if (!me) {
    redirect(loginPath(path));
  }
  return whenSignedIn(me, path);
}

/** A page's API result, unless it is a 401: then the session ended, and the browser goes to sign in again. */
export async function whenSignedIn<T>(result: ApiResult<T>, path: string): Promise<ApiResult<T>> {
  if (!result.isOk && result.problem.status === 401) {
    redirect((await readSessionToken()) ? sessionEndedPath(path) : loginPath(path));
  }
  return result;
}

/**
 * A server action's API result, unless it is a 401: then the session ended, so the action
 * forgets the cookie and sends the browser to sign in, back to `path` afterwards.
 */
export async function inSession<T>(result: ApiResult<T>, path: string): Promise<ApiResult<T>> {
  if (!result.isOk && result.problem.status === 401) {
    clearSession(await cookies(), webConfig().isSecure);
    redirect(loginPath(path));
  }
  return result;
}
