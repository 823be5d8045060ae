import 'server-only';
import type { NextRequest, NextResponse } from 'next/server';
import * as oidc from 'openid-client';
import { callApi, webConfig } from '../../lib/api';
import { safeNextPath } from '../../lib/safe-next';
import { isOtherLoopbackName } from '../../lib/web-config';
import { clearOidcFlow, OIDC_FLOW_COOKIE, parseOidcFlow, writeOidcFlow, writeSession } from '../../lib/session-cookies';
import type { SsoError } from './login-messages';
import { oidcConfiguration, startOidcFlow } from './oidc-client';
import { seeOther } from './see-other';

const CALLBACK_PATH = '/auth/oidc/callback';
const SCOPE = 'openid profile email';

function backToLogin(error: SsoError, next = '/'): NextResponse {
  const query = new URLSearchParams({ error });
  if (next !== '/') {
    query.set('next', next);
  }
  return seeOther(`/login?${query.toString()}`);
}

/**
 * `GET /auth/oidc/login?next=`: starts the authorization-code flow with PKCE. The verifier,
 * state and nonce stay in a short-lived httpOnly cookie; the provider sends the browser back to
 * `${GRANARY_PUBLIC_URL}/auth/oidc/callback`, so the flow starts on that host too (a cookie set
 * for 127.0.0.1 would not come back to localhost).
 */
export async function beginOidcSignIn(request: NextRequest): Promise<NextResponse> {
  const config = webConfig();
  const next = safeNextPath(request.nextUrl.searchParams.get('next'));
  if (!config.oidc) {
    return backToLogin('sso-unavailable', next);
  }
  if (isOtherLoopbackName(request.headers.get('host'), config.publicUrl)) {
    return seeOther(new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, config.publicUrl).toString());
  }
  let configuration: oidc.Configuration;
  try {
    configuration = await oidcConfiguration(config.oidc);
  } catch (cause) {
    console.error('granary-web: OIDC discovery failed', { issuer: config.oidc.issuer, cause });
    return backToLogin('sso-unavailable', next);
  }
  const flow = await startOidcFlow();
  const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${config.publicUrl}${CALLBACK_PATH}`,
    scope: SCOPE,
    code_challenge: flow.codeChallenge,
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  const response = seeOther(authorizationUrl.toString());
  writeOidcFlow(response.cookies, { codeVerifier: flow.codeVerifier, state: flow.state, nonce: flow.nonce, next }, config.isSecure);
  return response;
}

/**
 * `GET /auth/oidc/callback`: exchanges the code (checking state, nonce and PKCE), trades the
 * provider's access token for a Granary session (`POST /api/auth/oidc/session`), and keeps the
 * id_token for logout. Every failure goes back to the sign-in page with a fixed message.
 */
export async function finishOidcSignIn(request: NextRequest): Promise<NextResponse> {
  const config = webConfig();
  const flow = parseOidcFlow(request.cookies.get(OIDC_FLOW_COOKIE)?.value);
  const finish = (response: NextResponse) => {
    clearOidcFlow(response.cookies, config.isSecure);
    return response;
  };
  if (!config.oidc) {
    return finish(backToLogin('sso-unavailable'));
  }
  if (!flow) {
    return finish(backToLogin('sso-expired'));
  }
  if (request.nextUrl.searchParams.has('error')) {
    // access_denied, login_required, ...: the person stopped, or the provider said no.
    console.warn('granary-web: the OIDC provider answered an error', {
      error: request.nextUrl.searchParams.get('error'),
      description: request.nextUrl.searchParams.get('error_description'),
    });
    return finish(backToLogin('sso-cancelled', flow.next));
  }

  let tokens: oidc.TokenEndpointResponse;
  try {
    const configuration = await oidcConfiguration(config.oidc);
    // The URL the provider redirected to, as registered: openid-client derives redirect_uri from it.
    const currentUrl = new URL(`${CALLBACK_PATH}${request.nextUrl.search}`, config.publicUrl);
    tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (cause) {
    console.error('granary-web: the OIDC code exchange failed', { issuer: config.oidc.issuer, cause });
    return finish(backToLogin('sso-failed', flow.next));
  }

  const session = await callApi((api) => api.POST('/api/auth/oidc/session'), { token: tokens.access_token });
  if (!session.isOk) {
    console.error('granary-web: the API refused the OIDC session', { problem: session.problem });
    return finish(backToLogin(session.problem.type.endsWith(':conflict') ? 'sso-conflict' : 'sso-refused', flow.next));
  }
  const response = finish(seeOther(flow.next));
  writeSession(response.cookies, { token: session.data.token, idToken: tokens.id_token }, config.isSecure);
  return response;
}

/**
 * Where the browser goes after signing out of Granary: the provider's end_session_endpoint for
 * a single sign-on session (so the provider forgets it too), else the sign-in page.
 */
export async function signOutLocation(idToken: string | undefined): Promise<string> {
  const config = webConfig();
  if (!idToken || !config.oidc) {
    return '/login';
  }
  try {
    const configuration = await oidcConfiguration(config.oidc);
    if (!configuration.serverMetadata().end_session_endpoint) {
      return '/login';
    }
    return oidc
      .buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: `${config.publicUrl}/login` })
      .toString();
  } catch (cause) {
    console.error('granary-web: could not reach the OIDC provider to sign out there', { issuer: config.oidc.issuer, cause });
    return '/login';
  }
}
