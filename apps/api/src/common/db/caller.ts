import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ANONYMOUS, type CallerIdentity } from '@granary/db';

/** How a caller proved who it is. */
export type AuthMethod = 'session' | 'basic' | 'api-key' | 'oidc';

/** Who is calling: resolved once per request by the AuthGuard. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      username: string;
      /** Horreum-style roles (see auth/roles.ts); narrowed for upload-only API keys. */
      roles: string[];
      isAdmin: boolean;
      via: AuthMethod;
      apiKeyId?: number;
      sessionId?: number;
    };

export type UserCaller = Extract<Caller, { kind: 'user' }>;

export const ANONYMOUS_CALLER: Caller = Object.freeze({ kind: 'anonymous' });

/** What row-level security needs to know of the caller. */
export function identityOf(caller: Caller): CallerIdentity {
  return caller.kind === 'user' ? { userId: caller.userId, roles: caller.roles } : ANONYMOUS;
}

export interface RequestWithCaller {
  caller?: Caller;
}

/** The request's caller, as a controller parameter. */
export const CallerParam = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<RequestWithCaller>().caller ?? ANONYMOUS_CALLER;
});
