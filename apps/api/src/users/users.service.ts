import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { identityOf, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords';
import { hasTeamRole, teamsWith } from '../auth/roles';
import { newApiKey, randomPassword, secretHash } from '../auth/secrets';
import { UI_ROLES, type ApiKeyRequest, type ApiKeyResponse, type NewUser, type UserData } from './dto/users.dto';
import { UsersRepository, type UiRole, type UserRow } from './users.repository';

const TEAM_NAME = /^[a-z0-9][a-z0-9._-]{0,58}-team$/;
const DAY_MS = 86_400_000;

/** Users, teams, memberships and API keys: Horreum's `/api/user` use cases. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(UsersRepository) private readonly repo: UsersRepository,
  ) {}

  private as<T>(caller: UserCaller, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.asCaller(identityOf(caller), work);
  }

  /** Admins and the team's managers manage a team. */
  canManage(caller: UserCaller, team: string): boolean {
    return hasTeamRole(caller, team, 'manager');
  }

  private requireManager(caller: UserCaller, team: string): void {
    if (!this.canManage(caller, team)) {
      throw new DomainError('forbidden', { detail: `Only administrators and managers of ${team} may do this.` });
    }
  }

  teams(caller: UserCaller): string[] {
    return teamsWith(caller.roles);
  }

  allTeams(caller: UserCaller): Promise<string[]> {
    return this.as(caller, (tx) => this.repo.allTeamNames(tx));
  }

  async addTeam(caller: UserCaller, team: string): Promise<void> {
    if (!TEAM_NAME.test(team)) {
      throw new DomainError('validation-failed', {
        detail: 'A team name is lower-case letters, digits and . _ -, ends with "-team", and is at most 64 characters long (e.g. performance-team).',
        errors: [{ pointer: '/team', message: 'must match <name>-team' }],
      });
    }
    await this.as(caller, (tx) => this.repo.insertTeam(tx, team));
  }

  async deleteTeam(caller: UserCaller, team: string): Promise<void> {
    const deleted = await this.as(caller, (tx) => this.repo.deleteTeam(tx, team));
    if (!deleted) {
      throw new DomainError('not-found', { detail: `There is no team ${team}.` });
    }
  }

  async teamMembers(caller: UserCaller, team: string): Promise<Record<string, UiRole[]>> {
    this.requireManager(caller, team);
    return this.as(caller, async (tx) => {
      const found = await this.repo.findTeam(tx, team);
      if (!found) {
        throw new DomainError('not-found', { detail: `There is no team ${team}.` });
      }
      return Object.fromEntries(await this.repo.teamMembers(tx, found.id));
    });
  }

  /** Horreum's semantics: the body is the whole membership; users it does not name lose their roles. */
  async updateTeamMembers(caller: UserCaller, team: string, body: unknown): Promise<void> {
    this.requireManager(caller, team);
    const wanted = parseMembers(body);
    await this.as(caller, async (tx) => {
      const found = await this.repo.findTeam(tx, team);
      if (!found) {
        throw new DomainError('not-found', { detail: `There is no team ${team}.` });
      }
      const users = await this.repo.usersByName(tx, [...wanted.keys()]);
      const unknown = [...wanted.keys()].filter((u) => !users.some((row) => row.username === u));
      if (unknown.length > 0) {
        throw new DomainError('invalid-reference', { detail: `No such user: ${unknown.join(', ')}.` });
      }
      await this.repo.replaceMemberships(
        tx,
        found.id,
        users.map((u) => ({ userId: u.id, roles: wanted.get(u.username) ?? [] })),
      );
    });
  }

  async createUser(caller: UserCaller, body: NewUser): Promise<void> {
    const roles = (body.roles ?? []).map((r) => r.toLowerCase());
    const invalid = roles.filter((r) => !(UI_ROLES as readonly string[]).includes(r));
    if (invalid.length > 0) {
      throw new DomainError('validation-failed', { detail: `Unknown role(s): ${invalid.join(', ')}; roles are ${UI_ROLES.join(', ')}.` });
    }
    if (body.team) {
      this.requireManager(caller, body.team);
    } else if (!caller.isAdmin) {
      throw new DomainError('forbidden', { detail: 'Managers create users in a team they manage: give `team`.' });
    }
    if (body.user.username.startsWith('horreum.') || body.user.username.startsWith('granary.')) {
      throw new DomainError('validation-failed', { detail: 'User names starting with "horreum." or "granary." are reserved.' });
    }
    const problem = body.password !== undefined ? passwordProblem(body.password) : undefined;
    if (problem) {
      throw new DomainError('validation-failed', { detail: `The password ${problem}.`, errors: [{ pointer: '/password', message: problem }] });
    }
    const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
    await this.as(caller, async (tx) => {
      const user = await this.repo.insertUser(tx, {
        username: body.user.username,
        email: body.user.email,
        firstName: body.user.firstName,
        lastName: body.user.lastName,
        passwordHash,
      });
      if (body.team) {
        const team = await this.repo.findTeam(tx, body.team);
        if (!team) {
          throw new DomainError('invalid-reference', { detail: `There is no team ${body.team}.` });
        }
        const members = await this.repo.teamMembers(tx, team.id);
        const users = await this.repo.usersByName(tx, [...members.keys()]);
        await this.repo.replaceMemberships(tx, team.id, [
          ...users.map((u) => ({ userId: u.id, roles: members.get(u.username) ?? [] })),
          { userId: user.id, roles: roles as UiRole[] },
        ]);
      }
    });
  }

  async removeUser(caller: UserCaller, username: string): Promise<void> {
    if (username === caller.username) {
      throw new DomainError('forbidden', { detail: 'You cannot remove yourself.' });
    }
    const deleted = await this.as(caller, (tx) => this.repo.deleteUser(tx, username));
    if (!deleted) {
      throw new DomainError('not-found', { detail: `There is no user ${username}.` });
    }
  }

  async searchUsers(caller: UserCaller, query: string): Promise<UserData[]> {
    this.requireSomeManager(caller);
    return (await this.as(caller, (tx) => this.repo.searchUsers(tx, query))).map(toUserData);
  }

  async info(caller: UserCaller, usernames: string[]): Promise<UserData[]> {
    this.requireSomeManager(caller);
    return (await this.as(caller, (tx) => this.repo.usersByName(tx, usernames))).map(toUserData);
  }

  private requireSomeManager(caller: UserCaller): void {
    if (!caller.isAdmin && !caller.roles.includes('manager')) {
      throw new DomainError('forbidden', { detail: 'Only administrators and team managers may look up users.' });
    }
  }

  async administrators(caller: UserCaller): Promise<UserData[]> {
    return (await this.as(caller, (tx) => this.repo.administrators(tx))).map(toUserData);
  }

  async updateAdministrators(caller: UserCaller, usernames: string[]): Promise<void> {
    if (!usernames.includes(caller.username)) {
      throw new DomainError('validation-failed', { detail: 'You cannot remove yourself from the administrators.' });
    }
    await this.as(caller, async (tx) => {
      const known = await this.repo.usersByName(tx, usernames);
      const unknown = usernames.filter((u) => !known.some((k) => k.username === u));
      if (unknown.length > 0) {
        throw new DomainError('invalid-reference', { detail: `No such user: ${unknown.join(', ')}.` });
      }
      await this.repo.setAdministrators(tx, usernames);
    });
  }

  async defaultTeam(caller: UserCaller): Promise<string> {
    return (await this.as(caller, (tx) => this.repo.defaultTeam(tx, caller.userId))) ?? '';
  }

  async setDefaultTeam(caller: UserCaller, team: string): Promise<void> {
    if (!teamsWith(caller.roles).includes(team)) {
      throw new DomainError('validation-failed', { detail: `You are not a member of ${team}.` });
    }
    await this.as(caller, (tx) => this.repo.setDefaultTeam(tx, caller.userId, team));
  }

  /** Changes the caller's own password (Granary's own users); ends the caller's other sessions. */
  async changePassword(caller: UserCaller, currentPassword: string, newPassword: string): Promise<void> {
    const problem = passwordProblem(newPassword);
    if (problem) {
      throw new DomainError('validation-failed', { detail: `The new password ${problem}.`, errors: [{ pointer: '/newPassword', message: problem }] });
    }
    const current = await this.as(caller, (tx) => this.repo.passwordHash(tx, caller.userId));
    if (!(await verifyPassword(current ?? undefined, currentPassword))) {
      throw new DomainError('forbidden', { detail: 'The current password is wrong.' });
    }
    const hash = await hashPassword(newPassword);
    await this.as(caller, async (tx) => {
      await this.repo.setPasswordHash(tx, { id: caller.userId }, hash);
      await this.repo.endSessions(tx, caller.userId);
    });
  }

  /** An administrator, or a manager of one of the user's teams, sets a new random password. */
  async resetPassword(caller: UserCaller, username: string): Promise<string> {
    const password = randomPassword();
    const hash = await hashPassword(password);
    await this.as(caller, async (tx) => {
      const teams = (await this.repo.userTeams(tx, username)).map((m) => m.team.name);
      if (!caller.isAdmin && !teams.some((t) => this.canManage(caller, t))) {
        throw new DomainError('not-found', { detail: `There is no user ${username} in the teams you manage.` });
      }
      if (!(await this.repo.setPasswordHash(tx, { username }, hash))) {
        throw new DomainError('not-found', { detail: `There is no user ${username}.` });
      }
    });
    return password;
  }

  async newApiKey(caller: UserCaller, body: ApiKeyRequest, now = new Date()): Promise<string> {
    const name = (body.name ?? '').trim();
    if (name.startsWith('horreum.') || name.startsWith('granary.')) {
      throw new DomainError('validation-failed', { detail: 'Key names starting with "horreum." or "granary." are reserved.' });
    }
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : undefined;
    if (expiresAt && expiresAt <= now) {
      throw new DomainError('validation-failed', { detail: 'The expiry must be in the future.', errors: [{ pointer: '/expiresAt', message: 'must be in the future' }] });
    }
    if (caller.via === 'api-key') {
      throw new DomainError('forbidden', { detail: 'An API key cannot create API keys; sign in as the user.' });
    }
    const key = newApiKey();
    await this.as(caller, (tx) =>
      this.repo.insertApiKey(tx, { userId: caller.userId, name: name || 'API key', hash: secretHash(key), expiresAt, uploadOnly: body.uploadOnly ?? false }),
    );
    return key;
  }

  async apiKeys(caller: UserCaller, now = Date.now()): Promise<ApiKeyResponse[]> {
    const rows = await this.as(caller, (tx) => this.repo.apiKeys(tx, caller.userId));
    return rows.map((k) => ({
      id: k.id,
      name: k.name,
      type: 'USER',
      creation: k.createdAt.toISOString(),
      ...(k.lastUsedAt ? { access: k.lastUsedAt.toISOString() } : {}),
      isRevoked: k.revokedAt !== null,
      ...(k.expiresAt ? { toExpiration: Math.floor((k.expiresAt.getTime() - now) / DAY_MS), expiresAt: k.expiresAt.toISOString() } : {}),
      uploadOnly: k.uploadOnly,
    }));
  }

  async renameApiKey(caller: UserCaller, id: number, name: string): Promise<void> {
    await this.as(caller, async (tx) => {
      const key = await this.repo.apiKey(tx, caller.userId, id);
      if (!key) {
        throw new DomainError('not-found', { detail: `You have no API key ${id}.` });
      }
      if (key.revokedAt) {
        throw new DomainError('validation-failed', { detail: 'A revoked key cannot be renamed.' });
      }
      await this.repo.updateApiKey(tx, caller.userId, id, { name: name.trim() || key.name });
    });
  }

  async revokeApiKey(caller: UserCaller, id: number, now = new Date()): Promise<void> {
    await this.as(caller, async (tx) => {
      const key = await this.repo.apiKey(tx, caller.userId, id);
      if (!key) {
        throw new DomainError('not-found', { detail: `You have no API key ${id}.` });
      }
      if (!key.revokedAt) {
        await this.repo.updateApiKey(tx, caller.userId, id, { revokedAt: now });
      }
    });
  }
}

function toUserData(row: UserRow): UserData {
  return {
    id: row.id,
    username: row.username,
    ...(row.firstName ? { firstName: row.firstName } : {}),
    ...(row.lastName ? { lastName: row.lastName } : {}),
    ...(row.email ? { email: row.email } : {}),
  };
}

function parseMembers(body: unknown): Map<string, UiRole[]> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError('validation-failed', { detail: 'The body maps user names to lists of roles, e.g. {"alice": ["tester"]}.' });
  }
  const members = new Map<string, UiRole[]>();
  for (const [username, roles] of Object.entries(body as Record<string, unknown>)) {
    if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || !(UI_ROLES as readonly string[]).includes(r.toLowerCase()))) {
      throw new DomainError('validation-failed', {
        detail: `The roles of ${username} must be a list of ${UI_ROLES.join(', ')}.`,
        errors: [{ pointer: `/${username}`, message: `must be a list of ${UI_ROLES.join(', ')}` }],
      });
    }
    members.set(username, [...new Set(roles.map((r: string) => r.toLowerCase() as UiRole))]);
  }
  return members;
}
