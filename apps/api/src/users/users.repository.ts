import { Injectable } from '@nestjs/common';
import type { Tx } from '@granary/db';

export type UiRole = 'viewer' | 'tester' | 'uploader' | 'manager';

export interface UserRow {
  id: string;
  username: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

const USER_FIELDS = { id: true, username: true, firstName: true, lastName: true, email: true } as const;

/** Users, teams, memberships and API keys; every method runs in the caller's transaction (RLS). */
@Injectable()
export class UsersRepository {
  findTeam(tx: Tx, name: string) {
    return tx.team.findUnique({ where: { name }, select: { id: true, name: true } });
  }

  async allTeamNames(tx: Tx): Promise<string[]> {
    return (await tx.team.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((t) => t.name);
  }

  insertTeam(tx: Tx, name: string) {
    return tx.team.create({ data: { name }, select: { id: true } });
  }

  async deleteTeam(tx: Tx, name: string): Promise<boolean> {
    return (await tx.team.deleteMany({ where: { name } })).count > 0;
  }

  async teamMembers(tx: Tx, teamId: number): Promise<Map<string, UiRole[]>> {
    const rows = await tx.teamMembership.findMany({ where: { teamId }, select: { role: true, user: { select: { username: true } } }, orderBy: { role: 'asc' } });
    const members = new Map<string, UiRole[]>();
    for (const row of rows) {
      members.set(row.user.username, [...(members.get(row.user.username) ?? []), row.role.toLowerCase() as UiRole]);
    }
    return members;
  }

  /** Replaces the team's memberships with `members` (users not named lose their roles in it). */
  async replaceMemberships(tx: Tx, teamId: number, members: { userId: string; roles: UiRole[] }[]): Promise<void> {
    await tx.teamMembership.deleteMany({ where: { teamId } });
    await tx.teamMembership.createMany({
      data: members.flatMap((m) => m.roles.map((role) => ({ userId: m.userId, teamId, role: role.toUpperCase() as 'VIEWER' }))),
    });
  }

  usersByName(tx: Tx, usernames: string[]): Promise<UserRow[]> {
    return tx.user.findMany({ where: { username: { in: usernames } }, select: USER_FIELDS, orderBy: { username: 'asc' } });
  }

  searchUsers(tx: Tx, query: string, take = 100): Promise<UserRow[]> {
    const q = query.trim();
    return tx.user.findMany({
      where: q
        ? { OR: [{ username: { contains: q, mode: 'insensitive' } }, { email: { contains: q, mode: 'insensitive' } }, { firstName: { contains: q, mode: 'insensitive' } }, { lastName: { contains: q, mode: 'insensitive' } }] }
        : {},
      select: USER_FIELDS,
      orderBy: { username: 'asc' },
      take,
    });
  }

  insertUser(tx: Tx, row: { username: string; email?: string; firstName?: string; lastName?: string; passwordHash?: string }) {
    return tx.user.create({ data: row, select: USER_FIELDS });
  }

  async deleteUser(tx: Tx, username: string): Promise<boolean> {
    return (await tx.user.deleteMany({ where: { username } })).count > 0;
  }

  administrators(tx: Tx): Promise<UserRow[]> {
    return tx.user.findMany({ where: { isAdmin: true }, select: USER_FIELDS, orderBy: { username: 'asc' } });
  }

  async setAdministrators(tx: Tx, usernames: string[]): Promise<void> {
    await tx.user.updateMany({ where: { isAdmin: true, username: { notIn: usernames } }, data: { isAdmin: false } });
    await tx.user.updateMany({ where: { username: { in: usernames } }, data: { isAdmin: true } });
  }

  async defaultTeam(tx: Tx, userId: string): Promise<string | null> {
    return (await tx.user.findUnique({ where: { id: userId }, select: { defaultTeam: true } }))?.defaultTeam ?? null;
  }

  async setDefaultTeam(tx: Tx, userId: string, team: string): Promise<void> {
    await tx.user.update({ where: { id: userId }, data: { defaultTeam: team } });
  }

  async passwordHash(tx: Tx, userId: string): Promise<string | null> {
    return (await tx.user.findUnique({ where: { id: userId }, select: { passwordHash: true } }))?.passwordHash ?? null;
  }

  async setPasswordHash(tx: Tx, where: { id: string } | { username: string }, passwordHash: string): Promise<boolean> {
    return (await tx.user.updateMany({ where, data: { passwordHash } })).count > 0;
  }

  async endSessions(tx: Tx, userId: string): Promise<void> {
    await tx.userSession.deleteMany({ where: { userId } });
  }

  userTeams(tx: Tx, username: string) {
    return tx.teamMembership.findMany({ where: { user: { username } }, select: { team: { select: { name: true } } } });
  }

  insertApiKey(tx: Tx, row: { userId: string; name: string; hash: string; expiresAt?: Date; uploadOnly: boolean }) {
    return tx.apiKey.create({ data: row, select: { id: true } });
  }

  apiKeys(tx: Tx, userId: string) {
    return tx.apiKey.findMany({ where: { userId }, orderBy: { id: 'asc' } });
  }

  apiKey(tx: Tx, userId: string, id: number) {
    return tx.apiKey.findFirst({ where: { id, userId } });
  }

  async updateApiKey(tx: Tx, userId: string, id: number, data: { name?: string; revokedAt?: Date }): Promise<boolean> {
    return (await tx.apiKey.updateMany({ where: { id, userId }, data })).count > 0;
  }
}
