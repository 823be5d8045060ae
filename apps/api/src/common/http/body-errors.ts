import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../problem/domain-error';

interface BodyParserError {
  type?: string;
  limit?: number;
}

/**
 * Express error middleware placed right after the body parsers: turns their errors into domain
 * errors before Nest would fold them into a generic 400, so each keeps its own problem type.
 */
export function bodyParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const type = (error as BodyParserError)?.type;
  switch (type) {
    case 'entity.parse.failed':
      next(new DomainError('malformed-json', { detail: 'The body could not be parsed as JSON; check the document and its Content-Type.' }));
      return;
    case 'entity.too.large':
      next(new DomainError('payload-too-large', { detail: `The body is larger than the ${formatBytes((error as BodyParserError).limit)} this server accepts (GRANARY_MAX_BODY_SIZE).` }));
      return;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      next(new DomainError('unsupported-media-type', { detail: 'The body uses a character set or encoding this server does not read.' }));
      return;
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      next(new DomainError('validation-failed', { detail: 'The request body could not be read completely.' }));
      return;
    default:
      next(error);
  }
}

export function formatBytes(bytes?: number): string {
  if (!bytes) {
    return 'size';
  }
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
