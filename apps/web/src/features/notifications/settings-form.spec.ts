import { describe, expect, it } from 'vitest';
import { describeDelivery, fromSettingDrafts, toSettingDrafts, validateSettingDrafts, type SettingDraft } from './settings-form';

const ALICE = { name: 'alice', isTeam: false };
const PERF = { name: 'perf-team', isTeam: true };
const row = (key: string, address: string, isDisabled = false): SettingDraft => ({ key, address, isDisabled });

describe('validateSettingDrafts', () => {
  it.each<[string, SettingDraft[], { key: string; message: string }[]]>([
    ['accepts no rows', [], []],
    ['accepts addresses', [row('a', 'alice@example.com'), row('b', ' ops+perf@example.org ', true)], []],
    ['accepts a disabled row without an address', [row('a', '', true)], []],
    ['wants an address on an enabled row', [row('a', ' ')], [{ key: 'a', message: 'Enter an e-mail address, or remove the row.' }]],
    ['refuses what is not an address', [row('a', 'alice')], [{ key: 'a', message: 'Enter an e-mail address, e.g. alice@example.com.' }]],
    ['refuses a second recipient', [row('a', 'a@example.com, b@example.com')], [{ key: 'a', message: 'Enter an e-mail address, e.g. alice@example.com.' }]],
    ['refuses a header in disguise', [row('a', 'a@example.com\nBcc: b@example.com')], [{ key: 'a', message: 'Enter an e-mail address, e.g. alice@example.com.' }]],
    ['refuses an address twice', [row('a', 'a@example.com'), row('b', 'A@example.com')], [{ key: 'b', message: 'This address is listed already.' }]],
  ])('%s', (_name, drafts, expected) => {
    expect(validateSettingDrafts(drafts)).toEqual(expected);
  });
});

describe('toSettingDrafts and fromSettingDrafts', () => {
  it('read the e-mail settings and send them back trimmed, for their owner', () => {
    const drafts = toSettingDrafts([
      { method: 'email', data: 'alice@example.com', disabled: false, name: 'alice', isTeam: false, id: 1 },
      { method: 'email', data: null, disabled: true, name: 'alice', isTeam: false, id: 2 },
    ]);
    expect(drafts.map(({ address, isDisabled }) => ({ address, isDisabled }))).toEqual([
      { address: 'alice@example.com', isDisabled: false },
      { address: '', isDisabled: true },
    ]);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(2);
    expect(fromSettingDrafts([...drafts, row('c', ' ops@example.com ')], PERF)).toEqual([
      { method: 'email', data: 'alice@example.com', disabled: false, name: 'perf-team', isTeam: true },
      { method: 'email', data: null, disabled: true, name: 'perf-team', isTeam: true },
      { method: 'email', data: 'ops@example.com', disabled: false, name: 'perf-team', isTeam: true },
    ]);
  });
});

describe('describeDelivery', () => {
  it.each<[string, SettingDraft[], typeof ALICE, string]>([
    ['a user without rows', [], ALICE, "No addresses: e-mails go to your account's e-mail address."],
    ['a user with addresses', [row('a', 'a@example.com'), row('b', 'b@example.com', true)], ALICE, 'E-mails go to a@example.com.'],
    ['a user with every row disabled', [row('a', 'a@example.com', true)], ALICE, 'Every address is disabled: you get no e-mails.'],
    ['a team without rows', [], PERF, 'No addresses: each member of perf-team who can view its data gets e-mails at their own address.'],
    ['a team with a mailing list', [row('a', 'perf@example.com')], PERF, 'E-mails go to perf@example.com.'],
    ['a team with every row disabled', [row('a', 'perf@example.com', true)], PERF, "Every address is disabled: perf-team's subscriptions send no e-mails."],
  ])('%s', (_name, drafts, owner, expected) => {
    expect(describeDelivery(drafts, owner)).toBe(expected);
  });
});
