import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.spec.ts'], exclude: ['src/**/*.int.spec.ts'] } },
      { test: { name: 'int', include: ['src/**/*.int.spec.ts'], testTimeout: 60_000 } },
    ],
  },
});
