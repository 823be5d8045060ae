// `npm run bench`: runs every benchmark under bench/ (each a folder with run.cjs) in turn.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const only = process.argv[2];
for (const name of fs.readdirSync(__dirname).sort()) {
  const script = path.join(__dirname, name, 'run.cjs');
  if (!fs.existsSync(script) || (only && only !== name)) {
    continue;
  }
  console.log(`\n## bench/${name}`);
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
