/**
 * The typed Granary API client: what the web UI, the CLI and the HTTP tests use.
 * `paths` and `components` are generated from `openapi.json` (`npm run generate`).
 *
 * @example
 * const granary = createGranaryClient({ baseUrl: 'http://localhost:8080' });
 * const { data, error } = await granary.GET('/api/test', { params: { query: { limit: 20 } } });
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type GranaryClient = Client<paths>;
export type Schemas = components['schemas'];

/** An RFC 9457 problem document, as every Granary error answers (extensions allowed). */
export type Problem = components['schemas']['Problem'] & Record<string, unknown>;

export interface GranaryClientOptions {
  /** Origin of the Granary instance, e.g. `http://localhost:8080` (empty for same-origin in a browser). */
  baseUrl: string;
  /** A bearer token (session token, OIDC access token or API key). */
  token?: string;
  headers?: Record<string, string>;
  fetch?: ClientOptions['fetch'];
}

export function createGranaryClient(options: GranaryClientOptions): GranaryClient {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  return createClient<paths>({ baseUrl: options.baseUrl, headers, fetch: options.fetch });
}

/** Reads a problem document from an error answer, whatever its shape. */
export function asProblem(error: unknown, status = 500): Problem {
  if (error && typeof error === 'object' && 'title' in error && 'status' in error) {
    return error as Problem;
  }
  return { type: 'about:blank', title: 'Unexpected answer from the server', status };
}
