import { asProblem, type Problem } from '@granary/api-client';

/** What a view gets from one API call: the data, or the problem to show instead. */
export type ApiResult<T> = { isOk: true; data: T } | { isOk: false; problem: Problem };

/** The part of an openapi-fetch answer we read. */
export interface ApiAnswer<T> {
  data?: T;
  error?: unknown;
  response: Pick<Response, 'status'>;
}

/**
 * Turns an openapi-fetch answer into a result: an error answer becomes its problem document,
 * and a 2xx answer without a body (which the contract never promises) becomes a problem too.
 *
 * @example
 * resultOf({ error: { type: 'urn:granary:problem:not-found', title: 'Not found', status: 404 }, response: { status: 404 } })
 * // { isOk: false, problem: { ..., status: 404 } }
 */
export function resultOf<T>(answer: ApiAnswer<T>): ApiResult<T> {
  if (answer.error !== undefined) {
    return { isOk: false, problem: asProblem(answer.error, answer.response.status) };
  }
  if (answer.data === undefined) {
    return { isOk: false, problem: asProblem(undefined, answer.response.status) };
  }
  return { isOk: true, data: answer.data };
}

/**
 * For operations that answer no body (201 Created, 204 No Content): a 2xx is success, anything
 * else its problem.
 *
 * @example
 * emptyResultOf({ response: { status: 204 } }) // { isOk: true, data: undefined }
 */
export function emptyResultOf(answer: ApiAnswer<unknown>): ApiResult<void> {
  const { status } = answer.response;
  if (answer.error !== undefined || status < 200 || status > 299) {
    return { isOk: false, problem: asProblem(answer.error, status) };
  }
  return { isOk: true, data: undefined };
}

/**
 * The problem shown when the web server could not talk to the API at all (refused, reset, timed
 * out). The internal API address is deliberately left out of `detail`: it goes to the server log.
 */
export function unreachableProblem(cause: unknown): Problem {
  const isTimeout = cause instanceof Error && cause.name === 'TimeoutError';
  return {
    type: 'urn:granary:problem:api-unreachable',
    title: 'The Granary API is not reachable',
    status: isTimeout ? 504 : 503,
    detail: isTimeout
      ? 'The API did not answer in time. Try again in a moment.'
      : 'The web server could not connect to the API. Check that the API is running, then try again.',
  };
}

/**
 * A problem found in a form before any call to the API, shaped like the API's own
 * `validation-failed` so the views show both the same way.
 *
 * @example
 * formProblem('Give the key a name.') // { type: 'urn:granary:problem:validation-failed', title: 'Check the form', status: 400, detail: 'Give the key a name.' }
 */
export function formProblem(detail: string): Problem {
  return { type: 'urn:granary:problem:validation-failed', title: 'Check the form', status: 400, detail };
}
