import 'server-only';
import { createGranaryClient, type GranaryClient } from '@granary/api-client';
import { resultOf, unreachableProblem, type ApiAnswer, type ApiResult } from './api-result';

// The API's internal address; the launcher sets GRANARY_API_URL. Read per request, never at build.
const DEFAULT_API_URL = 'http://127.0.0.1:8081';
// A page waits at most this long for the API before it shows the unreachable problem.
const API_TIMEOUT_MS = 10_000;

/** The API client for server components. Browsers use `createGranaryClient({ baseUrl: '' })`. */
export function createServerApiClient(): GranaryClient {
  return createGranaryClient({
    baseUrl: process.env.GRANARY_API_URL || DEFAULT_API_URL,
    fetch: (request) => fetch(request, { signal: AbortSignal.timeout(API_TIMEOUT_MS) }),
  });
}

/**
 * Calls the API and never throws: a network failure becomes the unreachable problem (logged
 * here with its cause), an error answer becomes its problem document.
 *
 * @example
 * const result = await callApi((api) => api.GET('/api/test', { params: { query: { page: 1 } } }));
 */
export async function callApi<T>(call: (api: GranaryClient) => Promise<ApiAnswer<T>>): Promise<ApiResult<T>> {
  try {
    return resultOf(await call(createServerApiClient()));
  } catch (cause) {
    console.error('granary-web: API call failed', { apiUrl: process.env.GRANARY_API_URL || DEFAULT_API_URL, cause });
    return { isOk: false, problem: unreachableProblem(cause) };
  }
}
