// Finds the system Chromium: CHROMIUM_PATH, or Debian's /usr/bin/chromium. Playwright never
// downloads a browser for Granary.
const fs = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    return fs.existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  }
  return CANDIDATES.find((p) => fs.existsSync(p));
}

module.exports = { findChromium };
