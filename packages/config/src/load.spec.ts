import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';
import { renderConfigurationDoc } from './render-docs';
import { byteSize } from './variables';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.maxBodySize).toBe(50 * 1024 * 1024);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(8080);
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.name);
    expect(problems).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL']);
  });

  it('never repeats a secret value in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@x/y' })).toThrow(/DATABASE_URL must start with postgres/);
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:hunter2@x/y' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('reads only the variables of one component', () => {
    expect(() => loadConfig({ PORT: 'nope' }, 'api')).not.toThrow();
    expect(() => loadConfig({ PORT: 'nope' }, 'launcher')).toThrow(ConfigError);
  });

  it('requires a database name in DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432' })).toThrow(/must name a database/);
  });
});

describe('byteSize', () => {
  it.each([
    ['50MiB', 52428800],
    ['100MB', 100_000_000],
    ['2048', 2048],
    ['1.5 KiB', 1536],
    ['1gib', 1073741824],
  ])('reads %s as %d bytes', (raw, bytes) => {
    expect(byteSize(raw)).toBe(bytes);
  });

  it.each(['', 'lots', '10 parsecs', '12'])('refuses %j', (raw) => {
    expect(() => byteSize(raw)).toThrow();
  });
});

describe('docs/configuration.md', () => {
  it('matches the variable table (run `npm run docs -w @granary/config` after changing it)', () => {
    const file = path.resolve(__dirname, '../../../docs/configuration.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(renderConfigurationDoc());
  });
});
