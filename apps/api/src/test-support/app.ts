import type { NestExpressApplication } from '@nestjs/platform-express';
import { createGranaryClient, type GranaryClient } from '@granary/api-client';
import { loadConfig } from '@granary/config';
import { createTestDatabase, type TestDatabase, type TestServerInfo } from '@granary/db/testing';
import type { Logger } from 'pino';
import { createApp } from '../app';
import { createLogger } from '../common/logging/logger';

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  baseUrl: string;
  client: GranaryClient;
  close(): Promise<void>;
}

/** The real API on port 0, on a fresh database cloned from the migrated template. */
export async function bootApp(
  info: TestServerInfo,
  env: Record<string, string> = {},
  options: { template?: string | null; logger?: Logger } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(info, options);
  // The roles the launcher gives the API in embedded mode; `env` may drop one (e.g. DATABASE_WORKER_URL: '').
  const config = loadConfig({ DATABASE_URL: db.ownerUrl, DATABASE_APP_URL: db.appUrl, DATABASE_WORKER_URL: db.workerUrl, LOG_LEVEL: 'silent', ...env }, 'api');
  const app = await createApp(config, { logger: options.logger });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return { app, db, baseUrl, client: createGranaryClient({ baseUrl }), close: () => app.close() };
}

/** A logger like the API's (same redaction), writing JSON lines into `lines`. */
export function memoryLogger(lines: string[]): Logger {
  return createLogger('trace', { write: (line: string) => void lines.push(line) });
}
