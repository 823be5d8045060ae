// `npm run e2e`: runs Playwright with the system Chromium. Without one, a developer's machine
// skips the suite with one line; under CI (CI=true) a missing browser fails.
const { spawnSync } = require('node:child_process');
const { findChromium } = require('./support/chromium.cjs');

const chromium = findChromium();
if (!chromium) {
  const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : 'no Chromium at /usr/bin/chromium';
  if (process.env.CI === 'true' || process.env.CI === '1') {
    console.error(`e2e: FAILED: ${where}; install it (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.log(`e2e: skipped: ${where} (apt-get install chromium, or set CHROMIUM_PATH).`);
  process.exit(0);
}
const result = spawnSync(process.execPath, [require.resolve('@playwright/test/cli'), 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: __dirname,
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);
