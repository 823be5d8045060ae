import path from 'node:path';

/**
 * GRANARY_DATA_DIR (default `./.granary`), resolved against the directory the user ran npm in
 * (npm runs workspace scripts inside the workspace folder and records the original in INIT_CWD).
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.INIT_CWD ?? process.cwd();
  return path.resolve(base, env.GRANARY_DATA_DIR || '.granary');
}
