/**
 * Which of Horreum 0.20's operations Granary answers at the same path and method (its published
 * OpenAPI file, ../shared/reference/horreum-openapi.yaml). docs/api.md quotes the count; this
 * test keeps the quote true. Shapes and parameters are checked by each endpoint's own tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const HORREUM = path.resolve(ROOT, '../shared/reference/horreum-openapi.yaml');
const GRANARY = path.join(ROOT, 'packages/api-client/openapi.json');

/** `METHOD /path` for every operation of the YAML file (its layout: two-space paths, four-space methods). */
function horreumOperations(yaml: string): string[] {
  const ops: string[] = [];
  let current: string | undefined;
  for (const line of yaml.split('\n')) {
    const pathMatch = /^ {2}(\/api\/\S+):\s*$/.exec(line);
    if (pathMatch) {
      current = pathMatch[1];
      continue;
    }
    if (/^\S/.test(line)) {
      current = undefined;
    }
    const method = /^ {4}(get|post|put|delete|patch):\s*$/.exec(line)?.[1];
    if (current && method) {
      ops.push(`${method.toUpperCase()} ${current}`);
    }
  }
  return ops;
}

// The reference lives in the workspace's shared/ folder, beside the repository (as in CI).
describe.skipIf(!fs.existsSync(HORREUM))("Horreum's API", () => {
  const operations = () => {
    const horreum = horreumOperations(fs.readFileSync(HORREUM, 'utf8'));
    const granary = new Set(
      Object.entries((JSON.parse(fs.readFileSync(GRANARY, 'utf8')) as { paths: Record<string, object> }).paths).flatMap(([p, item]) =>
        Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
      ),
    );
    return { horreum, answered: horreum.filter((op) => granary.has(op)) };
  };

  it('is read whole from the reference file', () => {
    expect(operations().horreum).toHaveLength(100);
  });

  it('is answered at the same path and method as docs/api.md says', () => {
    const { horreum, answered } = operations();
    const doc = fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
    expect(doc).toContain(`Granary answers **${answered.length} of ${horreum.length}** of Horreum 0.20's published operations`);
  });
});
