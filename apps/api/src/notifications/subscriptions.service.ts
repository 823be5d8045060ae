import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { hasTeamRole, teamsWith } from '../auth/roles';
import { identityOf, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import type { WatchDto } from './dto/watch.dto';
import { NotificationsRepository, type TestRef, type WatchRow } from './notifications.repository';

/** Horreum's `__self`: the caller. */
const SELF = '__self';

type Entry = { kind: 'user' | 'team' | 'optout'; name: string };

/**
 * Subscriptions (Horreum's watches): who is told about a test's events. A caller subscribes
 * itself or a team it belongs to, or opts out of its teams' subscriptions; testers of the test's
 * team (and administrators) see and may replace the whole list, anyone else only its own entries.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(NotificationsRepository) private readonly repo: NotificationsRepository,
  ) {}

  /** The test's watch as the caller may see it (an empty one when nobody subscribed yet). */
  async get(caller: UserCaller, testId: number): Promise<WatchDto> {
    requireViewer(caller);
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const test = await this.visibleTest(tx, testId);
      const watch = (await this.repo.findWatch(tx, testId)) ?? emptyWatch(testId);
      return toDto(hasTeamRole(caller, test.owner, 'tester') ? watch : ownPart(caller, watch));
    });
  }

  /**
   * Horreum's update: replaces the watch. A caller who is not a tester of the test's team changes
   * only its own entries; it may send back the others it cannot see (they are kept as they are),
   * but not add anyone else (403).
   */
  async replace(caller: UserCaller, testId: number, body: WatchDto): Promise<void> {
    requireViewer(caller);
    const wanted: WatchRow = { id: null, testId, users: unique(body.users), teams: unique(body.teams), optout: unique(body.optout) };
    await this.db.asCaller(identityOf(caller), async (tx) => {
      const test = await this.visibleTest(tx, testId);
      if (hasTeamRole(caller, test.owner, 'tester')) {
        await this.repo.upsertWatch(tx, wanted);
        return;
      }
      const existing = (await this.repo.findWatch(tx, testId)) ?? emptyWatch(testId);
      const own = (kind: Entry['kind'], name: string) => isOwn(caller, { kind, name });
      const merge = (kind: Entry['kind'], current: string[], next: string[]) => {
        const foreign = next.filter((name) => !own(kind, name) && !current.includes(name));
        if (foreign.length > 0) {
          throw new DomainError('forbidden', { detail: `You may only subscribe yourself and your own teams: not ${foreign.join(', ')}.` });
        }
        return unique([...current.filter((name) => !own(kind, name)), ...next.filter((name) => own(kind, name))]);
      };
      await this.repo.upsertWatch(tx, {
        testId,
        users: merge('user', existing.users, wanted.users),
        teams: merge('team', existing.teams, wanted.teams),
        optout: merge('optout', existing.optout, wanted.optout),
      });
    });
  }

  /**
   * Horreum's addUserOrTeam: `__self` (or the caller's own name) subscribes the caller, `<name>-team`
   * one of its teams, `!__self` opts the caller out of its teams' subscriptions. Answers the
   * caller's own entries afterwards.
   */
  async add(caller: UserCaller, testId: number, text: string): Promise<string[]> {
    const entry = parseEntry(caller, text);
    return this.change(caller, testId, (watch) => {
      if (entry.kind === 'optout') {
        watch.optout = unique([...watch.optout, entry.name]);
        watch.users = watch.users.filter((u) => u !== entry.name);
      } else if (entry.kind === 'team') {
        watch.teams = unique([...watch.teams, entry.name]);
      } else {
        watch.users = unique([...watch.users, entry.name]);
        watch.optout = watch.optout.filter((u) => u !== entry.name);
      }
    });
  }

  /** Horreum's removeUserOrTeam: the same entries, removed. */
  async remove(caller: UserCaller, testId: number, text: string): Promise<string[]> {
    const entry = parseEntry(caller, text);
    return this.change(caller, testId, (watch) => {
      const list = entry.kind === 'optout' ? 'optout' : entry.kind === 'team' ? 'teams' : 'users';
      watch[list] = watch[list].filter((name) => name !== entry.name);
    });
  }

  /**
   * The tests whose watch names the caller or one of its teams, or opts it out: test id → whether
   * the caller is told about the test's events.
   */
  async mine(caller: UserCaller): Promise<Record<string, boolean>> {
    const teams = teamsWith(caller.roles);
    const watches = await this.db.asCaller(identityOf(caller), (tx) => this.repo.findWatchesOf(tx, caller.username, teams));
    return Object.fromEntries(
      watches.map((w) => [String(w.testId), w.users.includes(caller.username) || (w.teams.some((t) => teams.includes(t)) && !w.optout.includes(caller.username))]),
    );
  }

  private async change(caller: UserCaller, testId: number, edit: (watch: WatchRow) => void): Promise<string[]> {
    requireViewer(caller);
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await this.visibleTest(tx, testId);
      const watch = (await this.repo.findWatch(tx, testId)) ?? emptyWatch(testId);
      edit(watch);
      await this.repo.upsertWatch(tx, watch);
      return currentEntries(caller, watch);
    });
  }

  private async visibleTest(tx: Tx, testId: number): Promise<TestRef> {
    const test = await this.repo.findVisibleTest(tx, testId);
    if (!test) {
      throw new DomainError('not-found', { detail: `No test ${testId}, or you may not see it.` });
    }
    return test;
  }
}

/** Horreum lets viewers, testers and administrators manage subscriptions (not upload-only callers). */
function requireViewer(caller: UserCaller): void {
  if (!caller.isAdmin && !caller.roles.includes('viewer')) {
    throw new DomainError('forbidden', { detail: 'Subscriptions need a viewer or tester role in a team.' });
  }
}

/** Parses Horreum's add/remove body; 400 for anything but the caller itself or one of its teams. */
export function parseEntry(caller: UserCaller, text: string): Entry {
  const optout = text.startsWith('!');
  const name = optout ? text.slice(1) : text;
  if (name === SELF || name === caller.username) {
    return { kind: optout ? 'optout' : 'user', name: caller.username };
  }
  if (name.endsWith('-team') && caller.roles.includes(name)) {
    if (optout) {
      throw new DomainError('validation-failed', { detail: 'A team cannot opt out: remove its subscription instead.' });
    }
    return { kind: 'team', name };
  }
  throw new DomainError('validation-failed', { detail: `Wrong user/team: ${name || '(empty)'}. Use __self, your own user name, or a team you belong to (<name>-team); prefix ! to opt out.` });
}

function isOwn(caller: UserCaller, entry: Entry): boolean {
  return entry.kind === 'team' ? caller.roles.includes(entry.name) : entry.name === caller.username;
}

/** Horreum's currentWatches: the caller's own subscriptions, and `!name` when it opted out. */
function currentEntries(caller: UserCaller, watch: WatchRow): string[] {
  const own = [...watch.teams.filter((t) => caller.roles.includes(t)), ...watch.users.filter((u) => u === caller.username)];
  return watch.optout.includes(caller.username) ? [...own, `!${caller.username}`] : own;
}

function ownPart(caller: UserCaller, watch: WatchRow): WatchRow {
  return {
    ...watch,
    users: watch.users.filter((u) => u === caller.username),
    teams: watch.teams.filter((t) => caller.roles.includes(t)),
    optout: watch.optout.filter((u) => u === caller.username),
  };
}

function emptyWatch(testId: number): WatchRow {
  return { id: null, testId, users: [], teams: [], optout: [] };
}

function unique(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))];
}

function toDto(watch: WatchRow): WatchDto {
  return { id: watch.id, users: watch.users, optout: watch.optout, teams: watch.teams, testId: watch.testId };
}
