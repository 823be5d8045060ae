import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@granary/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from './app';
import { buildOpenApiDocument, stableStringify } from './openapi';

const COMMITTED = path.resolve(__dirname, '../../../packages/api-client/openapi.json');

describe('the OpenAPI document', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    // Building the document needs no database: the pool connects lazily.
    app = await createApp(loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', LOG_LEVEL: 'silent' }, 'api'));
    await app.init();
  });
  afterAll(() => app.close());

  it('is OpenAPI 3.1 with a summary, a tag and an operation id on every operation', () => {
    const doc = buildOpenApiDocument(app);
    expect(doc.openapi).toBe('3.1.0');
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, { summary?: string; tags?: string[]; operationId?: string }>)) {
        expect(op.summary, `${method} ${route}`).toBeTruthy();
        expect(op.tags?.length, `${method} ${route}`).toBeGreaterThan(0);
        expect(op.operationId, `${method} ${route}`).toMatch(/^[a-zA-Z]+$/);
      }
    }
  });

  it('matches the committed packages/api-client/openapi.json (run `npm run generate` after API changes)', () => {
    expect(stableStringify(buildOpenApiDocument(app))).toBe(fs.readFileSync(COMMITTED, 'utf8'));
  });
});
