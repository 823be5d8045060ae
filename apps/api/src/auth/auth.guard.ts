import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { RequestWithCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { ACCESS_METADATA, type AccessLevel } from './access.decorator';
import { AuthService } from './auth.service';

/** Resolves the caller of every request and enforces the endpoint's `@Access` level. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & RequestWithCaller>();
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]) ?? 'authenticated';
    const apiKey = req.headers['x-horreum-api-key'];
    req.caller = await this.auth.authenticate({
      apiKeyHeader: Array.isArray(apiKey) ? apiKey[0] : apiKey,
      authorization: req.headers.authorization,
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      request: req,
    });
    if (level === 'public') {
      return true;
    }
    if (req.caller.kind !== 'user') {
      throw new DomainError('unauthenticated', {
        detail: 'Sign in, or send an API key (X-Horreum-API-Key) or a bearer token.',
        headers: { 'WWW-Authenticate': 'Bearer realm="granary", Basic realm="granary", charset="UTF-8"' },
      });
    }
    if (level === 'admin' && !req.caller.isAdmin) {
      throw new DomainError('forbidden', { detail: 'Only administrators may do this.' });
    }
    return true;
  }
}
