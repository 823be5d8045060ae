import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Config } from '@granary/config';
import { Db } from '@granary/db';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import passport from 'passport';
import { ExtractJwt, Strategy, type VerifiedCallback } from 'passport-jwt';
import { CONFIG } from '../common/config/config.module';
import { DomainError } from '../common/problem/domain-error';
import { TEAM_ROLES } from './roles';

export const OIDC_STRATEGY = 'oidc-jwt';

export interface OidcClaims {
  iss: string;
  sub: string;
  [claim: string]: unknown;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}

/** `realm_access.roles` → the array at that path of the claims, or []. */
export function rolesAt(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Horreum's reading of identity-provider roles: `<team>-<role>` also means membership of
 * `<team>-team` and the generic `<role>`; a tester is a viewer too; `admin` stays `admin`.
 * Other roles (Keycloak's `offline_access`, ...) are dropped.
 */
export function normalizeExternalRoles(roles: readonly string[]): string[] {
  const out = new Set<string>();
  for (const role of roles) {
    if (role === 'admin') {
      out.add('admin');
      continue;
    }
    const m = /^([a-z0-9][a-z0-9._-]*)-(viewer|uploader|tester|manager)$/.exec(role);
    if (m && (TEAM_ROLES as readonly string[]).includes(m[2]!)) {
      const [, base, kind] = m;
      out.add(`${base}-team`).add(role).add(kind!);
      if (kind === 'tester') {
        out.add(`${base}-viewer`).add('viewer');
      }
    } else if (/^[a-z0-9][a-z0-9._-]*-team$/.test(role)) {
      out.add(role);
    }
  }
  return [...out].sort();
}

/**
 * Verifies OIDC bearer access tokens (passport-jwt) against the provider's keys (JWKS, found
 * through OIDC discovery and cached), its issuer and, when configured, the audience.
 */
class OidcJwtStrategy extends PassportStrategy(Strategy, OIDC_STRATEGY) {
  constructor(options: { issuer: string; audience?: string; keyFor: (token: string) => Promise<string> }) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      issuer: options.issuer,
      ...(options.audience ? { audience: options.audience } : {}),
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'],
      passReqToCallback: false,
      secretOrKeyProvider: (_req: Request, rawJwt: string, done: (err: unknown, key?: string) => void) => {
        options.keyFor(rawJwt).then(
          (key) => done(null, key),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(payload: OidcClaims): OidcClaims {
    return payload;
  }
}

@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private jwks: Promise<JwksClient> | undefined;
  readonly enabled: boolean;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(Db) private readonly db: Db,
  ) {
    this.enabled = Boolean(config.oidcIssuerUrl);
    if (config.oidcIssuerUrl) {
      // Registers the strategy with passport under OIDC_STRATEGY.
      new OidcJwtStrategy({ issuer: config.oidcIssuerUrl, audience: config.oidcAudience, keyFor: (token) => this.keyFor(token) });
    }
  }

  /** The provider's JWKS client, from its discovery document (retried after a failure). */
  private jwksClient(): Promise<JwksClient> {
    this.jwks ??= (async () => {
      const issuer = this.config.oidcIssuerUrl!;
      const response = await fetch(`${issuer}/.well-known/openid-configuration`);
      if (!response.ok) {
        throw new Error(`OIDC discovery at ${issuer} answered ${response.status}`);
      }
      const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
      if (!jwksUri) {
        throw new Error(`OIDC discovery at ${issuer} names no jwks_uri`);
      }
      return new JwksClient({ jwksUri, cache: true, cacheMaxAge: 10 * 60_000, rateLimit: true, jwksRequestsPerMinute: 10 });
    })().catch((error: unknown) => {
      this.jwks = undefined;
      throw error;
    });
    return this.jwks;
  }

  private async keyFor(token: string): Promise<string> {
    const decoded = jwt.decode(token, { complete: true });
    const client = await this.jwksClient();
    const key = await client.getSigningKey(decoded?.header.kid);
    return key.getPublicKey();
  }

  /** The verified claims of a bearer access token, or undefined when it is not valid. */
  verify(req: Request): Promise<OidcClaims | undefined> {
    return new Promise((resolve) => {
      const authenticate = passport.authenticate(OIDC_STRATEGY, { session: false }, ((error: unknown, claims: OidcClaims | false, info: unknown) => {
        if (error || !claims) {
          this.logger.debug({ err: error, info: info instanceof Error ? info.message : info }, 'bearer token refused');
          resolve(undefined);
        } else {
          resolve(claims);
        }
      }) as VerifiedCallback) as (req: Request, res: unknown, next: (err?: unknown) => void) => void;
      authenticate(req, {}, () => resolve(undefined));
    });
  }

  /**
   * The Granary user for verified claims: found by issuer and subject, created at the first
   * sign-in. An existing account of the same name is linked only when it was created for this
   * purpose (no password, no other provider), so a provider user can never take over a local one.
   */
  async userFor(claims: OidcClaims): Promise<string> {
    const username = String(claims[this.config.oidcUsernameClaim] ?? claims.sub);
    const externalRoles = this.config.oidcRolesClaim ? normalizeExternalRoles(rolesAt(claims, this.config.oidcRolesClaim)) : [];
    const profile = {
      email: typeof claims.email === 'string' ? claims.email : undefined,
      firstName: typeof claims.given_name === 'string' ? claims.given_name : undefined,
      lastName: typeof claims.family_name === 'string' ? claims.family_name : undefined,
    };
    return this.db.asSystem('OIDC sign-in', async (tx) => {
      const linked = await tx.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: claims.iss, oidcSubject: claims.sub } } });
      if (linked) {
        if (linked.disabled) {
          throw new DomainError('invalid-credentials', { detail: 'This account is disabled.' });
        }
        await tx.user.update({ where: { id: linked.id }, data: { externalRoles, ...profile } });
        return linked.id;
      }
      const sameName = await tx.user.findUnique({ where: { username } });
      if (sameName) {
        if (sameName.passwordHash || sameName.oidcSubject || sameName.disabled) {
          throw new DomainError('conflict', { detail: `The user name ${username} belongs to another account; ask an administrator.` });
        }
        await tx.user.update({ where: { id: sameName.id }, data: { oidcIssuer: claims.iss, oidcSubject: claims.sub, externalRoles, ...profile } });
        return sameName.id;
      }
      if (!/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/.test(username)) {
        throw new DomainError('validation-failed', { detail: `The provider's user name "${username}" cannot be used in Granary.` });
      }
      const created = await tx.user.create({ data: { username, oidcIssuer: claims.iss, oidcSubject: claims.sub, externalRoles, ...profile }, select: { id: true } });
      return created.id;
    });
  }
}
