import { Injectable } from '@nestjs/common';
import { Prisma, type Db, type Tx } from '@granary/db';
import type { Membership, TeamRoleName } from './roles';

export interface PrincipalRow {
  userId: string;
  username: string;
  isAdmin: boolean;
  memberships: Membership[];
  /** Roles from the identity provider's last sign-in, already in Horreum's form. */
  externalRoles: string[];
}

/** Authentication's database access: narrow SECURITY DEFINER lookups, then the user's own rows. */
@Injectable()
export class AuthRepository {
  async findApiKey(db: Db, hash: string): Promise<{ keyId: number; userId: string; uploadOnly: boolean } | undefined> {
    const rows = await db.prisma.$queryRaw<{ key_id: number; user_id: string; upload_only: boolean }[]>(
      Prisma.sql`SELECT key_id, user_id::text AS user_id, upload_only FROM granary_auth_api_key(${hash})`,
    );
    const row = rows[0];
    return row ? { keyId: row.key_id, userId: row.user_id, uploadOnly: row.upload_only } : undefined;
  }

  async findSession(db: Db, hash: string, idleMs: number, maxAgeMs: number): Promise<{ sessionId: number; userId: string; expiresAt: Date } | undefined> {
    const rows = await db.prisma.$queryRaw<{ session_id: number; user_id: string; expires_at: Date }[]>(
      Prisma.sql`SELECT session_id, user_id::text AS user_id, expires_at
                 FROM granary_auth_session(${hash}, make_interval(secs => ${idleMs / 1000}), make_interval(secs => ${maxAgeMs / 1000}))`,
    );
    const row = rows[0];
    return row ? { sessionId: row.session_id, userId: row.user_id, expiresAt: row.expires_at } : undefined;
  }

  async findPasswordHash(db: Db, username: string): Promise<{ userId: string; passwordHash: string } | undefined> {
    const rows = await db.prisma.$queryRaw<{ user_id: string; password_hash: string }[]>(
      Prisma.sql`SELECT user_id::text AS user_id, password_hash FROM granary_password_lookup(${username})`,
    );
    const row = rows[0];
    return row ? { userId: row.user_id, passwordHash: row.password_hash } : undefined;
  }

  /** The user's name, roles and memberships in one statement (granary_principal); nothing for a disabled user. */
  async findPrincipal(db: Db, userId: string): Promise<PrincipalRow | undefined> {
    const rows = await db.prisma.$queryRaw<{ user_id: string; username: string; is_admin: boolean; external_roles: string[] | null; memberships: { team: string; role: string }[] }[]>(
      Prisma.sql`SELECT user_id::text AS user_id, username, is_admin, external_roles, memberships FROM granary_principal(${userId}::uuid)`,
    );
    const user = rows[0];
    if (!user) {
      return undefined;
    }
    return {
      userId: user.user_id,
      username: user.username,
      isAdmin: user.is_admin,
      memberships: user.memberships.map((m) => ({ team: m.team, role: m.role as TeamRoleName })),
      externalRoles: user.external_roles ?? [],
    };
  }

  async insertSession(tx: Tx, row: { userId: string; tokenHash: string; expiresAt: Date }): Promise<number> {
    const session = await tx.userSession.create({ data: row, select: { id: true } });
    return session.id;
  }

  async deleteSession(tx: Tx, sessionId: number): Promise<void> {
    await tx.userSession.deleteMany({ where: { id: sessionId } });
  }
}
