import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { classifyDbError } from '@granary/db';
import { DomainError } from './domain-error';
import { PROBLEM_TYPES, problemTypeUri, slugForStatus, type ProblemDocument, type ProblemSlug } from './problem-types';

/**
 * Every error leaves the API as RFC 9457 problem+json with a stable `type`. Unknown errors are
 * answered 500 with a generic detail and the request id; their stack goes to the log only.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl?.split('?')[0];
    if (req.id) {
      problem.requestId = String(req.id);
    }
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: req.id }, 'request failed');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (exception instanceof DomainError && exception.headers) {
      res.set(exception.headers);
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDocument {
    if (exception instanceof DomainError) {
      return this.document(exception.slug, exception.detail, { ...exception.extensions, ...(exception.errors ? { errors: exception.errors } : {}) });
    }
    const dbKind = classifyDbError(exception);
    if (dbKind) {
      switch (dbKind) {
        case 'conflict':
          return this.document('conflict', 'Something with the same name or key already exists.');
        case 'invalid-reference':
          return this.document('invalid-reference', 'The request refers to something that does not exist, or is still in use.');
        case 'not-found':
          return this.document('not-found', 'Nothing is here, or you may not see it.');
        case 'forbidden':
          return this.document('forbidden', 'You may not do this.');
        case 'check-violation':
          return this.document('validation-failed', 'A value does not have the required format.');
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const slug = slugForStatus(status);
      const response = exception.getResponse();
      const messages = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : undefined;
      if (Array.isArray(messages)) {
        // class-validator messages from the ValidationPipe
        return this.document('validation-failed', `${messages.length} problem(s) with the request`, {
          errors: messages.map((m) => ({ pointer: pointerOf(String(m)), message: String(m) })),
        });
      }
      const detail = status === 404 ? 'Nothing is here, or you may not see it.' : typeof messages === 'string' ? messages : exception.message;
      return this.document(slug, detail);
    }
    return this.document('internal', 'Something went wrong on the server. The request id identifies it in the logs.');
  }

  private document(slug: ProblemSlug, detail?: string, extensions: Record<string, unknown> = {}): ProblemDocument {
    const { status, title } = PROBLEM_TYPES[slug];
    return { type: problemTypeUri(slug), title, status, ...(detail ? { detail } : {}), ...extensions };
  }
}

function pointerOf(message: string): string {
  const field = /^(\S+)/.exec(message)?.[1] ?? '';
  return field ? `/${field.replace(/\./g, '/')}` : '';
}
