// Runs `prisma generate` without the native schema engine, which cannot be downloaded on every
// machine: generation only needs the schema engine for introspection-free commands, so a stub
// that exits 1 is enough (see docs/development.md, "Migrations without network").
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const stub = path.join(os.tmpdir(), `granary-no-schema-engine-${process.pid}.sh`);
fs.writeFileSync(stub, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
const schema = path.resolve(__dirname, '../../../prisma/schema.prisma');
const result = spawnSync(
  process.execPath,
  [require.resolve('prisma/build/index.js'), 'generate', '--schema', schema],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  },
);
fs.rmSync(stub, { force: true });
process.exit(result.status ?? 1);
