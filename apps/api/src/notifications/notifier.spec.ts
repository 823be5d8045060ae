import { describe, expect, it } from 'vitest';
import type { MailEvent } from './mail';
import { mailsFor } from './notifier.service';

const event = (id: string, testId: number): MailEvent => ({ id, kind: 'change/new', testId, payload: {}, createdAt: new Date(0) });

describe('mailsFor', () => {
  it('writes one e-mail per address, whatever the number of events and tests', () => {
    const mails = mailsFor([event('1', 1), event('2', 1), event('3', 2)], [
      { testId: 1, address: 'alice@example.com' },
      { testId: 2, address: 'alice@example.com' },
      { testId: 2, address: 'bob@example.com' },
    ]);
    expect([...mails.values()].map((m) => [m.to, m.events.map((e) => e.id)])).toEqual([
      ['alice@example.com', ['1', '2', '3']],
      ['bob@example.com', ['3']],
    ]);
  });

  it.each([
    ['the same address twice for one test', [{ testId: 1, address: 'a@example.com' }, { testId: 1, address: 'a@example.com' }]],
    ['addresses differing only in case and spaces', [{ testId: 1, address: 'A@Example.com ' }, { testId: 1, address: 'a@example.com' }]],
  ])('never writes twice to %s', (_name, recipients) => {
    const mails = mailsFor([event('1', 1)], recipients);
    expect(mails.size).toBe(1);
    expect([...mails.values()][0]!.events).toHaveLength(1);
  });

  it('writes nothing for a test nobody watches', () => {
    expect(mailsFor([event('1', 7)], [{ testId: 1, address: 'a@example.com' }]).size).toBe(0);
  });
});
