import v8 from 'node:v8';
import { ConfigError, loadConfig } from '@granary/config';
import { createApp } from './app';
import { createLogger } from './common/logging/logger';

/** Starts the API: validated configuration first, then Nest, then the port. */
async function main(): Promise<void> {
  // Under a burst of uploads V8 let the old generation grow to about four times what was live
  // before collecting it (+170 MiB of resident memory); one and a half times is enough (bench/ingest, docs/performance.md).
  v8.setFlagsFromString('--heap-growing-percent=50');
  let config;
  try {
    config = loadConfig(process.env, 'api');
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  if (!config.databaseUrl && !config.databaseAppUrl) {
    console.error('Invalid configuration: DATABASE_URL is required (or start Granary with `npm start`, which runs an embedded database).');
    process.exit(78);
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, { logger });
  try {
    await app.listen(config.apiPort, config.apiHost);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${config.apiPort} is already in use: set GRANARY_API_PORT to a free port.`);
      process.exit(1);
    }
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.apiPort;
  logger.info({ port, host: config.apiHost }, 'Granary API listening');
  // Started by the launcher over IPC: tell it the port, and stop when it goes away (no orphans).
  if (process.send) {
    process.send({ type: 'listening', port });
    process.on('disconnect', () => {
      void app.close().finally(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
