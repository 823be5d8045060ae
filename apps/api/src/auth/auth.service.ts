import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import type { Config } from '@granary/config';
import { Db } from '@granary/db';
import { CONFIG } from '../common/config/config.module';
import { ANONYMOUS_CALLER, type AuthMethod, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { AuthRepository, type PrincipalRow } from './auth.repository';
import { FailureLimiter } from './failure-limiter';
import { looksLikeJwt, OidcService } from './oidc.service';
import { verifyPassword } from './passwords';
import { restrictToUpload, rolesFor } from './roles';
import { isApiKey, isSessionToken, newSessionToken, secretHash } from './secrets';

export interface Credentials {
  apiKeyHeader?: string;
  authorization?: string;
  ip: string;
  /** The request itself, for passport (OIDC bearer tokens). */
  request?: Request;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  caller: UserCaller;
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="granary", Basic realm="granary", charset="UTF-8"' };

/**
 * Turns a request's credentials into a Caller: an API key (`X-Horreum-API-Key` or
 * `Authorization: Bearer HUSR_…`), a Granary session (`Bearer gs_…`), HTTP Basic (Granary's own
 * users), or nobody. Wrong credentials are refused (401), never downgraded to anonymous.
 * Repeated failures from one address, or for one user name, are refused early (429) for a
 * growing delay, without the server waiting or verifying anything.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  private readonly limiter = new FailureLimiter({ freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 });

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(AuthRepository) private readonly repo: AuthRepository,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(OidcService) private readonly oidc: OidcService,
  ) {}

  async authenticate(credentials: Credentials, now = Date.now()): Promise<Caller> {
    const { apiKeyHeader, authorization } = credentials;
    if (!apiKeyHeader && !authorization) {
      return ANONYMOUS_CALLER;
    }
    this.refuseIfThrottled([`ip:${credentials.ip}`], now);
    const caller = await this.tryCredentials(credentials);
    if (!caller) {
      this.limiter.recordFailure(`ip:${credentials.ip}`, now);
      throw new DomainError('invalid-credentials', { detail: 'The API key, token or password was not accepted (unknown, expired or revoked).', headers: CHALLENGE });
    }
    this.limiter.recordSuccess(`ip:${credentials.ip}`);
    return caller;
  }

  private async tryCredentials({ apiKeyHeader, authorization, ip, request }: Credentials): Promise<Caller | undefined> {
    if (apiKeyHeader) {
      return this.byApiKey(apiKeyHeader.trim());
    }
    const [scheme, value = ''] = (authorization ?? '').trim().split(/\s+/, 2);
    switch (scheme?.toLowerCase()) {
      case 'bearer':
        if (isApiKey(value)) {
          return this.byApiKey(value);
        }
        if (isSessionToken(value)) {
          return this.bySession(value);
        }
        if (looksLikeJwt(value) && this.oidc.enabled && request) {
          return this.byOidcToken(request);
        }
        return undefined;
      case 'basic':
        return this.config.localLogin ? this.byBasic(value, ip) : undefined;
      default:
        return undefined;
    }
  }

  private async byApiKey(key: string): Promise<Caller | undefined> {
    if (!isApiKey(key)) {
      return undefined;
    }
    const found = await this.repo.findApiKey(this.db, secretHash(key));
    if (!found) {
      return undefined;
    }
    const caller = this.callerOf(found.principal, 'api-key');
    caller.apiKeyId = found.keyId;
    if (found.uploadOnly) {
      caller.roles = restrictToUpload(caller.roles);
      caller.isAdmin = false;
    }
    return caller;
  }

  private async byOidcToken(request: Request): Promise<Caller | undefined> {
    const claims = await this.oidc.verify(request);
    if (!claims) {
      return undefined;
    }
    return this.principal(await this.oidc.userFor(claims), 'oidc');
  }

  private async bySession(token: string): Promise<Caller | undefined> {
    const found = await this.repo.findSession(this.db, secretHash(token), this.config.sessionIdle, this.config.sessionMaxAge);
    if (!found) {
      return undefined;
    }
    const caller = this.callerOf(found.principal, 'session');
    caller.sessionId = found.sessionId;
    return caller;
  }

  private async byBasic(encoded: string, ip: string): Promise<Caller | undefined> {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      return undefined;
    }
    const userId = await this.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1), ip);
    return userId ? this.principal(userId, 'basic') : undefined;
  }

  /** The user's id when the password is right; throttled per address and per user name. */
  private async checkPassword(username: string, password: string, ip: string, now = Date.now()): Promise<string | undefined> {
    const keys = [`ip:${ip}`, `user:${username.toLowerCase()}`];
    this.refuseIfThrottled(keys, now);
    const found = await this.repo.findPasswordHash(this.db, username);
    if (!(await verifyPassword(found?.passwordHash, password)) || !found) {
      for (const key of keys) {
        this.limiter.recordFailure(key, now);
      }
      return undefined;
    }
    for (const key of keys) {
      this.limiter.recordSuccess(key);
    }
    return found.userId;
  }

  private refuseIfThrottled(keys: string[], now: number): void {
    const waitMs = Math.max(...keys.map((k) => this.limiter.retryAfterMs(k, now)));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new DomainError('too-many-requests', {
        detail: `Too many failed sign-in attempts: try again in ${seconds} s.`,
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }

  private async principal(userId: string, via: AuthMethod): Promise<UserCaller | undefined> {
    const row = await this.repo.findPrincipal(this.db, userId);
    return row ? this.callerOf(row, via) : undefined;
  }

  private callerOf(row: PrincipalRow, via: AuthMethod): UserCaller {
    // Roles kept in Granary, plus those the identity provider gave at the last sign-in.
    const roles = [...new Set([...rolesFor(row.isAdmin, row.memberships), ...row.externalRoles])].sort();
    return { kind: 'user', userId: row.userId, username: row.username, roles, isAdmin: roles.includes('admin'), via };
  }

  /** Granary's login form and `POST /api/auth/login`: a session token for a right password. */
  async login(username: string, password: string, ip: string): Promise<LoginResult> {
    if (!this.config.localLogin) {
      throw new DomainError('forbidden', { detail: 'Password sign-in is turned off here (GRANARY_LOCAL_LOGIN=false): use single sign-on.' });
    }
    const userId = await this.checkPassword(username, password, ip);
    const caller = userId ? await this.principal(userId, 'session') : undefined;
    if (!caller) {
      throw new DomainError('invalid-credentials', { detail: 'Unknown user name or wrong password.' });
    }
    return this.startSession(caller);
  }

  /** A Granary session for a caller who proved itself with an OIDC access token (the UI's sign-in). */
  async sessionForOidc(caller: Caller): Promise<LoginResult> {
    if (caller.kind !== 'user' || caller.via !== 'oidc') {
      throw new DomainError('validation-failed', { detail: "Send the OIDC provider's access token as `Authorization: Bearer`." });
    }
    return this.startSession({ ...caller, via: 'session' });
  }

  private async startSession(caller: UserCaller): Promise<LoginResult> {
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + Math.min(this.config.sessionIdle, this.config.sessionMaxAge));
    caller.sessionId = await this.db.asCaller({ userId: caller.userId, roles: [] }, (tx) =>
      this.repo.insertSession(tx, { userId: caller.userId, tokenHash: secretHash(token), expiresAt }),
    );
    this.logger.log({ userId: caller.userId }, 'signed in');
    return { token, expiresAt, caller };
  }

  /** Ends the caller's session (a no-op for other kinds of credentials). */
  async logout(caller: Caller): Promise<void> {
    if (caller.kind !== 'user' || caller.sessionId === undefined) {
      return;
    }
    const sessionId = caller.sessionId;
    await this.db.asCaller({ userId: caller.userId, roles: [] }, (tx) => this.repo.deleteSession(tx, sessionId));
  }
}
