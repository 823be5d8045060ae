import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Sandbox forks dist/sandbox-host.js; the setup builds it when src/ is newer.
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 15_000,
  },
});
