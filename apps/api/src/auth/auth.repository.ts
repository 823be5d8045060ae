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
  /**
   * A live API key and its user, in one round trip on the pool (every upload asks): no Prisma,
   * a prepared statement.
   */
  async findApiKey(db: Db, hash: string): Promise<{ keyId: number; uploadOnly: boolean; principal: PrincipalRow } | undefined> {
    const { rows } = await db.pool.query<PrincipalSqlRow & { key_id: number; upload_only: boolean }>({
      name: 'granary_auth_api_key',
      text: `SELECT k.key_id, k.upload_only, ${PRINCIPAL_COLUMNS}
             FROM granary_auth_api_key($1) k CROSS JOIN LATERAL granary_principal(k.user_id) p`,
      values: [hash],
    });
    const row = rows[0];
    return row ? { keyId: row.key_id, uploadOnly: row.upload_only, principal: toPrincipal(row) } : undefined;
  }

  /** A live session (extended by this use) and its user, in one round trip. */
  async findSession(db: Db, hash: string, idleMs: number, maxAgeMs: number): Promise<{ sessionId: number; expiresAt: Date; principal: PrincipalRow } | undefined> {
    const { rows } = await db.pool.query<PrincipalSqlRow & { session_id: number; expires_at: Date }>({
      name: 'granary_auth_session',
      text: `SELECT s.session_id, s.expires_at, ${PRINCIPAL_COLUMNS}
             FROM granary_auth_session($1, make_interval(secs => $2), make_interval(secs => $3)) s
             CROSS JOIN LATERAL granary_principal(s.user_id) p`,
      values: [hash, idleMs / 1000, maxAgeMs / 1000],
    });
    const row = rows[0];
    return row ? { sessionId: row.session_id, expiresAt: row.expires_at, principal: toPrincipal(row) } : undefined;
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
    const { rows } = await db.pool.query<PrincipalSqlRow>({
      name: 'granary_principal',
      text: `SELECT ${PRINCIPAL_COLUMNS} FROM granary_principal($1::uuid) p`,
      values: [userId],
    });
    return rows[0] ? toPrincipal(rows[0]) : undefined;
  }

  async insertSession(tx: Tx, row: { userId: string; tokenHash: string; expiresAt: Date }): Promise<number> {
    const session = await tx.userSession.create({ data: row, select: { id: true } });
    return session.id;
  }

  async deleteSession(tx: Tx, sessionId: number): Promise<void> {
    await tx.userSession.deleteMany({ where: { id: sessionId } });
  }
}

interface PrincipalSqlRow {
  user_id: string;
  username: string;
  is_admin: boolean;
  external_roles: string[] | null;
  memberships: { team: string; role: string }[];
}

const PRINCIPAL_COLUMNS = 'p.user_id::text AS user_id, p.username, p.is_admin, p.external_roles, p.memberships';

function toPrincipal(row: PrincipalSqlRow): PrincipalRow {
  return {
    userId: row.user_id,
    username: row.username,
    isAdmin: row.is_admin,
    memberships: row.memberships.map((m) => ({ team: m.team, role: m.role as TeamRoleName })),
    externalRoles: row.external_roles ?? [],
  };
}
