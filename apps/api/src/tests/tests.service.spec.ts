import { describe, expect, it } from 'vitest';
import type { Caller } from '../common/db/caller';
import { ownersFor } from './tests.service';

const tester: Caller = { kind: 'user', userId: 'u', username: 'u', roles: ['perf-team', 'perf-tester', 'perf-viewer', 'tester', 'viewer', 'x-team', 'x-uploader', 'uploader'], isAdmin: false, via: 'session' };

describe("Horreum's roles filter of listTests", () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['__all', undefined],
    ['__my', ['perf-team', 'x-team']],
    ['perf-team', ['perf-team']],
    ['perf-tester, x-uploader', ['perf-team', 'x-team']],
    ['perf-team,perf-viewer', ['perf-team']],
  ])('reads %j as owners %j', (roles, owners) => {
    expect(ownersFor(tester, roles)).toEqual(owners);
  });

  it('gives an anonymous caller no teams of its own', () => {
    expect(ownersFor({ kind: 'anonymous' }, '__my')).toEqual([]);
  });
});
