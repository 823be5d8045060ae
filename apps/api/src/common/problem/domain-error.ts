import type { ProblemSlug } from './problem-types';

/** Thrown by services; the problem filter turns it into `application/problem+json`. */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly detail?: string;
  readonly extensions?: Record<string, unknown>;
  readonly errors?: { pointer: string; message: string }[];
  /** Response headers that belong to the problem (WWW-Authenticate, Retry-After). */
  readonly headers?: Record<string, string>;

  constructor(
    readonly slug: ProblemSlug,
    options: {
      detail?: string;
      extensions?: Record<string, unknown>;
      errors?: { pointer: string; message: string }[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(options.detail ?? slug);
    this.detail = options.detail;
    this.extensions = options.extensions;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}
