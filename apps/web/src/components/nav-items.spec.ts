import { describe, expect, it } from 'vitest';
import { findCurrentNavEntry, isBarePage, NAV_ENTRIES } from './nav-items';

describe('findCurrentNavEntry', () => {
  it.each<[string, string | undefined]>([
    ['/', 'Tests'],
    ['/test/12', 'Tests'],
    ['/tests/12', 'Tests'],
    ['/runs/7', 'Runs'],
    ['/schemas/3', 'Schemas'],
    ['/schemas/new', 'Schemas'],
    ['/test/12/reports/table/3', 'Tests'],
    ['/runs', 'Runs'],
    ['/run/7', 'Runs'],
    ['/dataset/comparison', 'Runs'],
    ['/schemas', 'Schemas'],
    ['/schema/3', 'Schemas'],
    ['/changes', 'Changes'],
    ['/reports', 'Reports'],
    ['/reports/table/1', 'Reports'],
    ['/admin', 'Admin'],
    ['/admin/teams', 'Admin'],
    ['/runsx', undefined],
    ['/testing', undefined],
    ['/nowhere', undefined],
  ])('puts %s under %s', (pathname, expected) => {
    expect(findCurrentNavEntry(pathname)?.label).toBe(expected);
  });

  it('links every entry to a distinct page', () => {
    expect(new Set(NAV_ENTRIES.map((entry) => entry.href)).size).toBe(NAV_ENTRIES.length);
  });
});

describe('isBarePage', () => {
  it.each([
    ['/login', true],
    ['/', false],
    ['/login/x', false],
    ['/user/api-keys', false],
    ['/admin', false],
  ])('%s → %s', (pathname, expected) => {
    expect(isBarePage(pathname)).toBe(expected);
  });
});
