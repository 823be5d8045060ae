import { describe, expect, it } from 'vitest';
import { migrationTimestamp } from './migrator/migrations';
import { connectionConfig, redactUrl, withDatabase } from './url';

describe('connection URLs', () => {
  it('splits a URL into discrete fields, decoding credentials', () => {
    expect(connectionConfig('postgres://us%40er:p%3Ass@db.example:6543/granary')).toMatchObject({
      host: 'db.example',
      port: 6543,
      user: 'us@er',
      password: 'p:ss',
      database: 'granary',
    });
  });

  it.each([
    ['postgres://u:secret@h:5432/d', 'postgres://u:***@h:5432/d'],
    ['postgres://u@h/d', 'postgres://u@h/d'],
    ['not a url', '<unparseable database URL>'],
  ])('redacts %s', (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('points a URL at another database', () => {
    expect(withDatabase('postgres://u:p@h:1/a?sslmode=require', 'b')).toBe('postgres://u:p@h:1/b?sslmode=require');
  });

  it('names migrations with a UTC timestamp', () => {
    expect(migrationTimestamp(new Date('2026-11-23T10:05:09.123Z'))).toBe('20261123100509');
  });
});
