import { describe, expect, it } from 'vitest';
import { canSubscribe, describeWatch, listOf, subscribableTeams, type Watch } from './watch-state';

const ALICE = { username: 'alice', teams: ['perf-team', 'ci-team'] };
const watch = (changes: Partial<Pick<Watch, 'users' | 'teams' | 'optout'>>) => ({ users: [], teams: [], optout: [], ...changes });

describe('describeWatch', () => {
  it.each<[string, ReturnType<typeof watch>, { isNotified: boolean; summary: string; self: string; optOut: string | undefined }]>([
    ['nobody subscribed', watch({}), { isNotified: false, summary: 'You get no e-mails about this test.', self: 'Subscribe yourself', optOut: undefined }],
    [
      'subscribed in person',
      watch({ users: ['alice', 'bob'] }),
      { isNotified: true, summary: 'You get e-mails about this test: you subscribed yourself.', self: 'Unsubscribe yourself', optOut: undefined },
    ],
    [
      'subscribed in person and through a team: opting out would also unsubscribe, so it is not offered',
      watch({ users: ['alice'], teams: ['perf-team'] }),
      { isNotified: true, summary: 'You get e-mails about this test: you subscribed yourself. perf-team is subscribed too.', self: 'Unsubscribe yourself', optOut: undefined },
    ],
    [
      'through two teams',
      watch({ teams: ['perf-team', 'ci-team', 'other-team'] }),
      { isNotified: true, summary: 'You get e-mails about this test through ci-team and perf-team.', self: 'Subscribe yourself', optOut: "Opt out of your teams' e-mails" },
    ],
    [
      'opted out of a subscribed team',
      watch({ teams: ['perf-team'], optout: ['alice'] }),
      { isNotified: false, summary: 'You opted out: perf-team is subscribed, but you get no e-mails about this test.', self: 'Subscribe yourself', optOut: "Opt back into your teams' e-mails" },
    ],
    [
      'opted out, the team since unsubscribed',
      watch({ optout: ['alice'] }),
      { isNotified: false, summary: "You opted out of your teams' e-mails about this test.", self: 'Subscribe yourself', optOut: "Opt back into your teams' e-mails" },
    ],
    [
      "another team's subscription does not count",
      watch({ teams: ['other-team'] }),
      { isNotified: false, summary: 'You get no e-mails about this test.', self: 'Subscribe yourself', optOut: undefined },
    ],
  ])('%s', (_name, given, expected) => {
    const state = describeWatch(given, ALICE);
    expect({ isNotified: state.isNotified, summary: state.summary, self: state.self.label, optOut: state.optOut?.label }).toEqual(expected);
  });

  it('sends the entries the API expects', () => {
    const state = describeWatch(watch({ teams: ['perf-team'] }), ALICE);
    expect(state.self).toMatchObject({ op: 'add', entry: '__self' });
    expect(state.optOut).toMatchObject({ op: 'add', entry: '!__self' });
    expect(state.teams).toEqual([
      { team: 'ci-team', isSubscribed: false, action: { op: 'add', entry: 'ci-team', label: 'Subscribe ci-team', variant: 'secondary' } },
      { team: 'perf-team', isSubscribed: true, action: { op: 'remove', entry: 'perf-team', label: 'Unsubscribe perf-team', variant: 'secondary' } },
    ]);
    expect(describeWatch(watch({ optout: ['alice'] }), ALICE).optOut).toMatchObject({ op: 'remove', entry: '!__self' });
    expect(describeWatch(watch({ users: ['alice'] }), ALICE).self).toMatchObject({ op: 'remove', entry: '__self' });
  });
});

describe('listOf', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['a-team'], 'a-team'],
    [['a-team', 'b-team'], 'a-team and b-team'],
    [['a-team', 'b-team', 'c-team'], 'a-team, b-team and c-team'],
  ])('%o reads %s', (names, expected) => {
    expect(listOf(names)).toBe(expected);
  });
});

describe('canSubscribe and subscribableTeams', () => {
  it.each<[{ isAdmin: boolean; roles: string[] }, boolean]>([
    [{ isAdmin: false, roles: ['perf-team', 'perf-tester', 'perf-viewer', 'tester', 'viewer'] }, true],
    [{ isAdmin: false, roles: ['perf-team', 'perf-uploader', 'uploader'] }, false],
    [{ isAdmin: true, roles: ['admin'] }, true],
  ])('%o may subscribe: %s', (me, expected) => {
    expect(canSubscribe(me)).toBe(expected);
  });

  it('lists the teams the roles name, sorted', () => {
    expect(subscribableTeams(['perf-team', 'perf-tester', 'ci-team', 'viewer'])).toEqual(['ci-team', 'perf-team']);
  });
});
