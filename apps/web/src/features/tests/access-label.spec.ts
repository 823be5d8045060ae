import { describe, expect, it } from 'vitest';
import { describeAccess, type AccessLabel } from './access-label';

describe('describeAccess', () => {
  it.each<[string, AccessLabel]>([
    ['PUBLIC', { text: 'Public', color: 'green', icon: 'globe' }],
    ['PROTECTED', { text: 'Protected', color: 'blue', icon: 'users' }],
    ['PRIVATE', { text: 'Private', color: 'purple', icon: 'lock' }],
    ['SECRET', { text: 'SECRET', color: 'grey', icon: 'none' }],
    ['', { text: 'Unknown', color: 'grey', icon: 'none' }],
  ])('shows %j as %j', (access, expected) => {
    expect(describeAccess(access)).toEqual(expected);
  });

  it('gives each known access level its own colour', () => {
    const colors = (['PUBLIC', 'PROTECTED', 'PRIVATE'] as const).map((access) => describeAccess(access).color);
    expect(new Set(colors).size).toBe(3);
  });
});
