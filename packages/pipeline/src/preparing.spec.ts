import type { PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { preparing } from './processor';

describe('preparing', () => {
  // A stand-in that records what pg would be asked to send.
  const recorder = () => {
    const sent: unknown[][] = [];
    const client = {
      query: (...args: unknown[]) => {
        sent.push(args);
        return Promise.resolve({ rows: [] });
      },
      escapeLiteral(this: { marker: string }, value: string) {
        return `${this.marker}${value}`;
      },
      marker: '!',
    };
    return { sent, client: client as unknown as PoolClient };
  };

  it('sends a statement as a prepared statement named after its text, the same name each time', async () => {
    const { sent, client } = recorder();
    const wrapped = preparing(client);
    await wrapped.query('SELECT id FROM run WHERE id = ANY($1::int[])', [[1, 2]]);
    await wrapped.query('SELECT id FROM run WHERE id = ANY($1::int[])', [[3]]);
    await wrapped.query('SELECT 1');
    const [first, second, third] = sent.map((args) => args[0] as { name: string; text: string; values: unknown[] });
    expect(first).toEqual({ name: expect.stringMatching(/^granary_[0-9a-f]{20}$/), text: 'SELECT id FROM run WHERE id = ANY($1::int[])', values: [[1, 2]] });
    expect(second!.name).toBe(first!.name);
    expect(second!.values).toEqual([[3]]);
    expect(third!.name).not.toBe(first!.name);
    expect(third!.values).toEqual([]);
  });

  it('passes query objects through and keeps the client\'s other methods bound to it', async () => {
    const { sent, client } = recorder();
    const wrapped = preparing(client);
    await wrapped.query({ text: 'SELECT 2', values: [] });
    expect(sent[0]).toEqual([{ text: 'SELECT 2', values: [] }, undefined]);
    const escape = wrapped.escapeLiteral;
    expect(escape('x')).toBe('!x');
  });
});
