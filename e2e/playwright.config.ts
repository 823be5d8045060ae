import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The config is evaluated again in every worker: choose the port and data directory once, in the
// main process, and hand them down through the environment.
if (!process.env.GRANARY_E2E_PORT) {
  // A free port, asked of a child process because binding is asynchronous and the config is not:
  // a fixed fallback port made two suites on one machine (two engineers, two CI jobs) collide.
  const port = execFileSync(process.execPath, ['-e', "const s = require('net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });"], { encoding: 'utf8' });
  process.env.GRANARY_E2E_PORT = port.trim();
  process.env.GRANARY_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'granary-e2e-shared-'));
}

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.GRANARY_E2E_PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // A closed network: no background connections, no component updates.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
