import 'server-only';
import type { NextRequest, NextResponse } from 'next/server';
import { callApi, callApiNoContent, webConfig } from '../../lib/api';
import { loginPath, safeNextPath } from '../../lib/safe-next';
import { clearSession, ID_TOKEN_COOKIE, SESSION_COOKIE } from '../../lib/session-cookies';
import { signOutLocation } from './oidc-sign-in';
import { seeOther } from './see-other';

/**
 * `POST /auth/logout`: ends the Granary session at the API, forgets the cookies, and for a
 * single sign-on session continues to the provider's logout.
 */
export async function signOut(request: NextRequest): Promise<NextResponse> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const result = await callApiNoContent((api) => api.POST('/api/auth/logout'), { token });
    if (!result.isOk && result.problem.status !== 401) {
      console.error('granary-web: the API did not end the session', { problem: result.problem });
    }
  }
  const response = seeOther(await signOutLocation(request.cookies.get(ID_TOKEN_COOKIE)?.value));
  clearSession(response.cookies, webConfig().isSecure);
  return response;
}

/**
 * `GET /auth/session-ended?next=`: a page got a 401 with the session cookie. Pages cannot change
 * cookies, so they send the browser here to forget the cookie and sign in again. A session that
 * still works (someone linked here) is left alone.
 */
export async function endSession(request: NextRequest): Promise<NextResponse> {
  const next = safeNextPath(request.nextUrl.searchParams.get('next'));
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const me = await callApi((api) => api.GET('/api/auth/me'), { token });
    if (me.isOk || me.problem.status !== 401) {
      return seeOther(next);
    }
  }
  const response = seeOther(loginPath(next));
  clearSession(response.cookies, webConfig().isSecure);
  return response;
}
