/**
 * The registry of problem types (RFC 9457). A slug's `type` URI, status and title never change
 * once released; `docs/problems.md` describes each one. Adding a slug without a status does not
 * compile.
 */
export const PROBLEM_TYPES = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  'invalid-credentials': { status: 401, title: 'The credentials are not valid' },
  forbidden: { status: 403, title: 'You may not do this' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with existing data' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'upload-refused': { status: 400, title: 'Cannot upload to this test' },
  'document-too-deep': { status: 422, title: 'The document is nested too deeply' },
  'invalid-reference': { status: 422, title: 'The request refers to something that does not exist' },
  'in-use': { status: 400, title: 'It is still in use' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  'bad-gateway': { status: 502, title: 'A server Granary relies on refused or did not answer' },
  'database-unavailable': { status: 503, title: 'The database is unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export const PROBLEM_TYPE_PREFIX = 'urn:granary:problem:';

export function problemTypeUri(slug: ProblemSlug): string {
  return `${PROBLEM_TYPE_PREFIX}${slug}`;
}

/** The slug for an HTTP status that no domain error named (Nest's own exceptions). */
export function slugForStatus(status: number): ProblemSlug {
  const match = (Object.keys(PROBLEM_TYPES) as ProblemSlug[]).find((slug) => PROBLEM_TYPES[slug].status === status);
  return match ?? (status >= 500 ? 'internal' : 'validation-failed');
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { pointer: string; message: string }[];
  [extension: string]: unknown;
}
