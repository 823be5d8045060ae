import fs from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { ADMIN_ENV } from './support/accounts';
import { startGranary } from './support/launcher';

/** Starts one Granary on a fresh data directory for the UI journeys; stops it with Ctrl-C after. */
export default async function globalSetup(config: FullConfig) {
  const port = Number(process.env.GRANARY_E2E_PORT);
  const dataDir = process.env.GRANARY_E2E_DATA_DIR!;
  const granary = await startGranary({ dataDir, port, env: ADMIN_ENV });
  return async () => {
    const code = await granary.stop('SIGINT');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0) {
      throw new Error(`Granary exited with ${code} after Ctrl-C:\n${granary.output()}`);
    }
    void config;
  };
}
