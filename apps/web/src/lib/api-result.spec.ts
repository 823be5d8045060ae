import type { Problem } from '@granary/api-client';
import { describe, expect, it } from 'vitest';
import { emptyResultOf, formProblem, resultOf, unreachableProblem, type ApiAnswer, type ApiResult } from './api-result';

const notFound: Problem = { type: 'urn:granary:problem:not-found', title: 'Not found', status: 404, detail: 'No test 7' };

describe('resultOf', () => {
  it.each<[string, ApiAnswer<{ count: number }>, ApiResult<{ count: number }>]>([
    ['passes data through', { data: { count: 3 }, response: { status: 200 } }, { isOk: true, data: { count: 3 } }],
    ['keeps a problem document as it is', { error: notFound, response: { status: 404 } }, { isOk: false, problem: notFound }],
    [
      'wraps an error body that is not a problem',
      { error: '<html>Bad gateway</html>', response: { status: 502 } },
      { isOk: false, problem: { type: 'about:blank', title: 'Unexpected answer from the server', status: 502 } },
    ],
    [
      'treats a success without a body as a problem',
      { response: { status: 204 } },
      { isOk: false, problem: { type: 'about:blank', title: 'Unexpected answer from the server', status: 204 } },
    ],
  ])('%s', (_name, answer, expected) => {
    expect(resultOf(answer)).toEqual(expected);
  });
});

describe('emptyResultOf', () => {
  it.each<[string, ApiAnswer<unknown>, ApiResult<void>]>([
    ['accepts 204 without a body', { response: { status: 204 } }, { isOk: true, data: undefined }],
    ['accepts 201 without a body', { response: { status: 201 } }, { isOk: true, data: undefined }],
    ['keeps a problem document', { error: notFound, response: { status: 404 } }, { isOk: false, problem: notFound }],
    [
      'treats an error status without a body as a problem',
      { response: { status: 502 } },
      { isOk: false, problem: { type: 'about:blank', title: 'Unexpected answer from the server', status: 502 } },
    ],
  ])('%s', (_name, answer, expected) => {
    expect(emptyResultOf(answer)).toEqual(expected);
  });
});

describe('unreachableProblem', () => {
  const timeout = Object.assign(new Error('The operation timed out'), { name: 'TimeoutError' });
  it.each<[string, unknown, number]>([
    ['a refused connection', new TypeError('fetch failed'), 503],
    ['a timeout', timeout, 504],
    ['a thrown string', 'boom', 503],
  ])('answers %s with status %i and a detail a person can act on', (_name, cause, status) => {
    const problem = unreachableProblem(cause);
    expect(problem).toMatchObject({ type: 'urn:granary:problem:api-unreachable', status });
    expect(problem.detail).toMatch(/try again/i);
  });
});

describe('formProblem', () => {
  it('looks like the API\'s validation problem', () => {
    expect(formProblem('Give the key a name.')).toEqual({
      type: 'urn:granary:problem:validation-failed',
      title: 'Check the form',
      status: 400,
      detail: 'Give the key a name.',
    });
  });
});
