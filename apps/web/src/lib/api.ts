import 'server-only';
import { createGranaryClient, type GranaryClient, type Problem } from '@granary/api-client';
import { cookies, headers } from 'next/headers';
import { emptyResultOf, resultOf, unreachableProblem, type ApiAnswer, type ApiResult } from './api-result';
import { SESSION_COOKIE } from './session-cookies';
import { readWebConfig, type WebConfig } from './web-config';

// The API's internal address; the launcher sets GRANARY_API_URL. Read per request, never at build.
const DEFAULT_API_URL = 'http://127.0.0.1:8081';
// A page waits at most this long for the API before it shows the unreachable problem.
const API_TIMEOUT_MS = 10_000;

/** The web server's configuration, read per request (never baked in at build time). */
export function webConfig(): WebConfig {
  return readWebConfig(process.env);
}

export interface ServerApiClientOptions {
  /** A session token, an OIDC access token or an API key; none for anonymous calls. */
  token?: string;
  /** The browser's `X-Forwarded-For`, so the API throttles failed sign-ins per person, not per web server. */
  forwardedFor?: string;
}

/** An API client for server code. The browser never talks to the API with a token. */
export function createServerApiClient(options: ServerApiClientOptions = {}): GranaryClient {
  return createGranaryClient({
    baseUrl: process.env.GRANARY_API_URL || DEFAULT_API_URL,
    token: options.token,
    headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : undefined,
    fetch: (request) => fetch(request, { signal: AbortSignal.timeout(API_TIMEOUT_MS) }),
  });
}

/** The session token from the `granary_session` cookie, if the browser sent one. */
export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value || undefined;
}

/**
 * The browser's address chain as the launcher's proxy wrote it. Passed on to the API (which
 * trusts loopback proxies), so failed credentials are throttled per person, not for the web
 * server as a whole.
 */
export async function readForwardedFor(): Promise<string | undefined> {
  return (await headers()).get('x-forwarded-for') ?? undefined;
}

export interface CallOptions {
  /** The token to call with; by default the session cookie's, `null` for an anonymous call. */
  token?: string | null;
}

/**
 * Calls the API as the person signed in (or anonymously) and never throws: a network failure
 * becomes the unreachable problem (logged here with its cause), an error answer its problem.
 *
 * @example
 * const result = await callApi((api) => api.GET('/api/test', { params: { query: { page: 0 } } }));
 */
export async function callApi<T>(call: (api: GranaryClient) => Promise<ApiAnswer<T>>, options: CallOptions = {}): Promise<ApiResult<T>> {
  const answer = await answerOf(call, options);
  return 'problem' in answer ? answer : resultOf(answer);
}

/** `callApi` for operations that answer no body (201 Created, 204 No Content). */
export async function callApiNoContent(call: (api: GranaryClient) => Promise<ApiAnswer<unknown>>, options: CallOptions = {}): Promise<ApiResult<void>> {
  const answer = await answerOf(call, options);
  return 'problem' in answer ? answer : emptyResultOf(answer);
}

async function answerOf<T>(
  call: (api: GranaryClient) => Promise<ApiAnswer<T>>,
  options: CallOptions,
): Promise<ApiAnswer<T> | { isOk: false; problem: Problem }> {
  const token = options.token === null ? undefined : (options.token ?? (await readSessionToken()));
  const forwardedFor = await readForwardedFor();
  try {
    return await call(createServerApiClient({ token, forwardedFor }));
  } catch (cause) {
    console.error('granary-web: API call failed', { apiUrl: process.env.GRANARY_API_URL || DEFAULT_API_URL, cause });
    return { isOk: false, problem: unreachableProblem(cause) };
  }
}
