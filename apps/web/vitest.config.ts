import { defineConfig } from 'vitest/config';

// Unit tests of pure helpers only; views are covered by the e2e suite.
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
  },
});
