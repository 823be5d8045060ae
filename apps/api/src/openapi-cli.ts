import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@granary/config';
import { createApp } from './app';
import { buildOpenApiDocument, stableStringify } from './openapi';

/**
 * Writes the OpenAPI document to the given file (`npm run openapi -w @granary/api`). Needs no
 * database: the pool connects lazily and nothing here queries.
 */
async function main(target: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', LOG_LEVEL: 'silent' }, 'api');
  const app = await createApp(config);
  await app.init();
  const document = buildOpenApiDocument(app);
  fs.writeFileSync(path.resolve(target), stableStringify(document));
  await app.close();
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
