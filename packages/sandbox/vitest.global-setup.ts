/**
 * A Sandbox runs its isolates in a child process started from the compiled dist/sandbox-host.js
 * (Node cannot run the TypeScript sources), so the tests need a build no older than src/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestSourceMs(dir: string): number {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .reduce((newest, name) => Math.max(newest, fs.statSync(path.join(dir, name)).mtimeMs), 0);
}

/** When tsc last wrote dist/ (it rewrites every output on each build). */
function builtMs(root: string): number {
  const entry = path.join(root, 'dist', 'sandbox-host.js');
  return fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
}

export default function setup(): void {
  const root = __dirname;
  if (newestSourceMs(path.join(root, 'src')) > builtMs(root)) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  }
}
