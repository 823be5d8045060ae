import { safeNextPath } from './safe-next';

/** The Granary session token (`gs_…`): the browser holds it but scripts cannot read it. */
export const SESSION_COOKIE = 'granary_session';
/** The provider's id_token, kept for RP-initiated logout (`id_token_hint`); sent to `/auth` only. */
export const ID_TOKEN_COOKIE = 'granary_id_token';
/** PKCE verifier, state, nonce and `next` between `/auth/oidc/login` and its callback. */
export const OIDC_FLOW_COOKIE = 'granary_oidc_flow';

// The API decides how long a session lasts (GRANARY_SESSION_IDLE, GRANARY_SESSION_MAX_AGE,
// 7 days at most by default) and answers 401 after; the cookie need not outlive that default.
const SESSION_COOKIE_MAX_AGE_S = 7 * 24 * 60 * 60;
// Long enough to type a password at the provider, short enough that a stale flow is useless.
const OIDC_FLOW_MAX_AGE_S = 10 * 60;

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'lax';
  secure: boolean;
  path: string;
  maxAge?: number;
}

/** What both `cookies()` (in server actions) and `NextResponse.cookies` (in route handlers) offer. */
export interface CookieJar {
  set(name: string, value: string, options: CookieOptions): unknown;
}

/**
 * Options of every cookie Granary's UI sets: httpOnly, SameSite=Lax (the provider's redirect
 * back is a top-level GET, which Lax lets through) and Secure when users reach Granary over https.
 */
export function cookieOptions(isSecure: boolean, path = '/', maxAge?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: isSecure, path, ...(maxAge === undefined ? {} : { maxAge }) };
}

/** Stores a new session (and, for single sign-on, the id_token for logout). */
export function writeSession(jar: CookieJar, session: { token: string; idToken?: string }, isSecure: boolean): void {
  jar.set(SESSION_COOKIE, session.token, cookieOptions(isSecure, '/', SESSION_COOKIE_MAX_AGE_S));
  if (session.idToken) {
    jar.set(ID_TOKEN_COOKIE, session.idToken, cookieOptions(isSecure, '/auth', SESSION_COOKIE_MAX_AGE_S));
  } else {
    jar.set(ID_TOKEN_COOKIE, '', cookieOptions(isSecure, '/auth', 0));
  }
}

/** Forgets the session and the id_token (a cookie is removed by the same name and path). */
export function clearSession(jar: CookieJar, isSecure: boolean): void {
  jar.set(SESSION_COOKIE, '', cookieOptions(isSecure, '/', 0));
  jar.set(ID_TOKEN_COOKIE, '', cookieOptions(isSecure, '/auth', 0));
}

/** The secrets of one authorization-code flow, kept by the browser until the provider sends it back. */
export interface OidcFlow {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** Where to go once signed in (already sanitized). */
  next: string;
}

export function writeOidcFlow(jar: CookieJar, flow: OidcFlow, isSecure: boolean): void {
  jar.set(OIDC_FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), cookieOptions(isSecure, '/auth/oidc', OIDC_FLOW_MAX_AGE_S));
}

export function clearOidcFlow(jar: CookieJar, isSecure: boolean): void {
  jar.set(OIDC_FLOW_COOKIE, '', cookieOptions(isSecure, '/auth/oidc', 0));
}

/**
 * Reads the flow cookie back; anything malformed (edited, truncated, from an older version) is
 * undefined, so the callback sends the person to sign in again instead of failing.
 *
 * @example
 * parseOidcFlow(undefined) // undefined
 */
export function parseOidcFlow(raw: string | undefined): OidcFlow | undefined {
  if (!raw) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const { codeVerifier, state, nonce, next } = value as Record<string, unknown>;
  if (typeof codeVerifier !== 'string' || typeof state !== 'string' || typeof nonce !== 'string' || !codeVerifier || !state || !nonce) {
    return undefined;
  }
  return { codeVerifier, state, nonce, next: safeNextPath(typeof next === 'string' ? next : undefined) };
}
