import type { Schemas } from '@granary/api-client';

export type Watch = Schemas['WatchDto'];

/** Horreum's words for the caller in `POST /api/subscriptions/{testId}/add|remove`. */
export const SELF = '__self';
export const OPT_OUT = '!__self';

/** Who is looking: the name and the teams (`<name>-team`) the API lets them subscribe. */
export interface Watcher {
  username: string;
  teams: readonly string[];
}

/** One button of the "Watch this test" panel: what it sends, and how it reads. */
export interface WatchAction {
  op: 'add' | 'remove';
  /** The text body: `__self`, a team name or `!__self`. */
  entry: string;
  label: string;
  variant: 'primary' | 'secondary';
}

export interface WatchState {
  /** Whether the watcher gets the test's e-mails, in person or through a team. */
  isNotified: boolean;
  /** One sentence: whether and why the watcher gets e-mails. */
  summary: string;
  /** Subscribe or unsubscribe yourself. */
  self: WatchAction;
  /** One per team of the watcher, subscribed or not. */
  teams: { team: string; isSubscribed: boolean; action: WatchAction }[];
  /** Opting out of (or back into) the teams' e-mails; only while a team of the watcher is subscribed or it opted out. */
  optOut: WatchAction | undefined;
}

/**
 * The caller's place in a test's subscriptions and the buttons that change it, following the
 * API's rules: subscribing yourself ends an opt-out, opting out ends your own subscription,
 * a team cannot opt out (remove its subscription instead).
 *
 * @example
 * describeWatch({ testId: 1, users: [], teams: ['perf-team'], optout: [] }, { username: 'alice', teams: ['perf-team'] }).summary
 * // 'You get e-mails about this test through perf-team.'
 */
export function describeWatch(watch: Pick<Watch, 'users' | 'teams' | 'optout'>, watcher: Watcher): WatchState {
  const isSelf = watch.users.includes(watcher.username);
  const isOptedOut = watch.optout.includes(watcher.username);
  const myTeams = [...watcher.teams].sort();
  const subscribedTeams = myTeams.filter((t) => watch.teams.includes(t));
  const isNotified = isSelf || (subscribedTeams.length > 0 && !isOptedOut);

  return {
    isNotified,
    summary: summarize({ isSelf, isOptedOut, subscribedTeams }),
    self: isSelf
      ? { op: 'remove', entry: SELF, label: 'Unsubscribe yourself', variant: 'secondary' }
      : { op: 'add', entry: SELF, label: 'Subscribe yourself', variant: 'primary' },
    teams: myTeams.map((team) => {
      const isSubscribed = watch.teams.includes(team);
      return {
        team,
        isSubscribed,
        action: isSubscribed ? { op: 'remove', entry: team, label: `Unsubscribe ${team}`, variant: 'secondary' } : { op: 'add', entry: team, label: `Subscribe ${team}`, variant: 'secondary' },
      };
    }),
    optOut: isOptedOut
      ? { op: 'remove', entry: OPT_OUT, label: "Opt back into your teams' e-mails", variant: 'secondary' }
      : subscribedTeams.length > 0 && !isSelf
        ? { op: 'add', entry: OPT_OUT, label: "Opt out of your teams' e-mails", variant: 'secondary' }
        : undefined,
  };
}

function summarize({ isSelf, isOptedOut, subscribedTeams }: { isSelf: boolean; isOptedOut: boolean; subscribedTeams: string[] }): string {
  const teams = `${listOf(subscribedTeams)} ${subscribedTeams.length === 1 ? 'is' : 'are'} subscribed`;
  if (isSelf) {
    return `You get e-mails about this test: you subscribed yourself.${subscribedTeams.length > 0 ? ` ${teams} too.` : ''}`;
  }
  if (isOptedOut) {
    return subscribedTeams.length > 0 ? `You opted out: ${teams}, but you get no e-mails about this test.` : "You opted out of your teams' e-mails about this test.";
  }
  if (subscribedTeams.length > 0) {
    return `You get e-mails about this test through ${listOf(subscribedTeams)}.`;
  }
  return 'You get no e-mails about this test.';
}

/**
 * Names joined for a sentence.
 *
 * @example
 * listOf(['a-team', 'b-team', 'c-team']) // 'a-team, b-team and c-team'
 */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Whether someone may subscribe at all: the API lets viewers, testers and administrators
 * (not upload-only members) manage subscriptions.
 */
export function canSubscribe(me: { isAdmin: boolean; roles: readonly string[] }): boolean {
  return me.isAdmin || me.roles.includes('viewer');
}

/**
 * The teams a person may subscribe: those the API's roles name (`<name>-team`), sorted.
 *
 * @example
 * subscribableTeams(['perf-team', 'perf-tester', 'tester', 'viewer']) // ['perf-team']
 */
export function subscribableTeams(roles: readonly string[]): string[] {
  return roles.filter((r) => r.endsWith('-team')).sort();
}
