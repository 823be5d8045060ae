import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts';
import { expectAccessible } from '../support/a11y';
import { prepareResultsWorld, uploadRun, type ResultsWorld } from '../support/results';
import { signInWithPassword } from '../support/sign-in';

/**
 * The results journey: a tester defines a schema with labels in the UI, a CI job uploads runs
 * with an API key, and the test's label values, a run's page and a label change (with its
 * recalculation) show what the pipeline made of them.
 */
test.describe.configure({ mode: 'serial' });

let world: ResultsWorld;
let schemaPath = '';
const runIds: number[] = [];

const RUNS = [
  { start: '2026-11-20T10:00:00Z', stop: '2026-11-20T10:05:00Z', throughput: 1200.5, latency: 0.012 },
  { start: '2026-11-21T10:00:00Z', stop: '2026-11-21T10:04:00Z', throughput: 1300.25, latency: 0.011 },
];

const documentOf = (run: (typeof RUNS)[number]) => ({ $schema: world.schemaUri, results: { throughput: run.throughput, latency: run.latency }, build: 'b-42' });

test.beforeAll(async ({ request }) => {
  world = await prepareResultsWorld(request);
});

/** Opens the label modal, fills one extractor (and a function), and saves it. */
async function addLabel(page: Page, label: { name: string; path: string; func?: string }) {
  await page.getByRole('button', { name: 'Add label' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a label' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(label.name);
  await dialog.getByRole('button', { name: 'Add extractor' }).click();
  await dialog.getByRole('textbox', { name: 'Name of extractor 1' }).fill(label.name);
  await dialog.getByRole('textbox', { name: 'JSONPath of extractor 1' }).fill(label.path);
  if (label.func) {
    await dialog.getByRole('textbox', { name: 'Combination function' }).fill(label.func);
  }
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Labels' }).getByRole('row', { name: new RegExp(`^${label.name}\\b`) })).toBeVisible();
}

test('a tester creates a schema with two labels in the UI, trying one on a pasted document', async ({ page }) => {
  await signInWithPassword(page, ADMIN);
  await page.getByRole('navigation').getByRole('link', { name: 'Schemas' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Schemas' })).toBeVisible();
  await page.getByRole('link', { name: 'New schema' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'New schema' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('textbox', { name: 'Name' }).fill(`Results ${world.schemaUri}`);
  await page.getByRole('textbox', { name: 'URI' }).fill(world.schemaUri);
  await page.getByRole('combobox', { name: 'Owner' }).selectOption(world.team);
  const jsonSchema = page.getByRole('textbox', { name: 'JSON Schema' });
  await jsonSchema.fill('{ "type": "object", ');
  await expect(page.getByText(/^At the end: /)).toBeVisible();
  await jsonSchema.fill('{ "type": "object", "required": ["results"] }');
  await expect(page.getByText('Valid JSON.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Create schema' }).click();
  // A new schema opens on its Labels tab: what comes next.
  await expect(page).toHaveURL(/\/schemas\/\d+\?tab=labels$/);
  schemaPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: `Results ${world.schemaUri}` })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Schemas' })).toBeVisible();

  await page.getByRole('tab', { name: /Labels/ }).click();
  await expect(page.getByRole('heading', { name: 'No labels yet' })).toBeVisible();
  await expectAccessible(page);

  // The first label, tried on a pasted document before it is saved.
  await page.getByRole('button', { name: 'Add label' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a label' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('throughput');
  await dialog.getByRole('button', { name: 'Add extractor' }).click();
  await dialog.getByRole('textbox', { name: 'Name of extractor 1' }).fill('throughput');
  await dialog.getByRole('textbox', { name: 'JSONPath of extractor 1' }).fill('$.results.throughput');
  await dialog.getByRole('textbox', { name: 'JSON document' }).fill(JSON.stringify(documentOf(RUNS[0]!)));
  await expect(dialog.getByText('Finds 1200.5')).toBeVisible(); // evaluated in the browser as it is typed
  await dialog.getByRole('button', { name: 'Try it' }).click();
  await expect(dialog.getByRole('heading', { name: 'Value' })).toBeVisible();
  await expect(dialog.locator('pre').filter({ hasText: '1200.5' })).toBeVisible(); // computed by the server
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Label throughput saved/)).toBeVisible();

  // The second label combines with a function: milliseconds from seconds.
  await addLabel(page, { name: 'latency_ms', path: '$.results.latency', func: 'value => Math.round(value * 1000)' });
  // A third one fails on purpose, to show how a label error reads.
  await addLabel(page, { name: 'broken', path: '$.build', func: 'value => { throw new Error("no build " + value) }' });
  await expect(page.getByRole('tab', { name: 'Labels (3)' })).toBeVisible();
});

test('runs uploaded with an API key show in the test, with their label values', async ({ page, request }) => {
  for (const run of RUNS) {
    runIds.push(await uploadRun(request, world, documentOf(run), run.start, run.stop));
  }
  await signInWithPassword(page, ADMIN);
  await page.goto('/');
  await page.getByRole('link', { name: world.test.name }).click();
  await expect(page).toHaveURL(new RegExp(`/tests/${world.test.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: world.test.name })).toBeVisible();
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('link', { name: `Run ${runIds[0]}` })).toBeVisible();
  await expect(runs.getByRole('link', { name: `Run ${runIds[1]}` })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('tab', { name: 'Label values' }).click();
  await expect(page).toHaveURL(/tab=label-values/);
  const table = page.getByRole('table', { name: 'Label values' });
  await expect(table.getByRole('columnheader', { name: 'throughput' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'latency_ms' })).toBeVisible();
  await expect(table.getByRole('row', { name: new RegExp(`Run ${runIds[0]}\\b.*12\\b.*1200\\.5`) })).toBeVisible();
  await expect(table.getByRole('row', { name: new RegExp(`Run ${runIds[1]}\\b.*11\\b.*1300\\.25`) })).toBeVisible();
  await expectAccessible(page);

  // Sorting by a label keeps the order in the URL.
  await table.getByRole('button', { name: 'throughput' }).click();
  await expect(page).toHaveURL(/sort=throughput/);
  await expect(table.getByRole('row').nth(1)).toContainText(`Run ${runIds[0]}`);

  // The export is the same table as a file.
  const csv = await page.request.get(`/tests/${world.test.id}/export?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('1300.25');
});

test("a run's page shows its document, its datasets' label values and a label's error", async ({ page }) => {
  await signInWithPassword(page, ADMIN);
  await page.goto(`/tests/${world.test.id}`);
  await page.getByRole('link', { name: `Run ${runIds[1]}` }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runIds[1]}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Run ${runIds[1]}` })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: world.test.name })).toBeVisible();
  // The document, small enough to be open at once.
  const json = page.getByRole('region', { name: `run ${runIds[1]} JSON`, exact: true });
  await expect(json).toContainText('"throughput": 1300.25');
  await expect(page.getByRole('button', { name: /Hide run .* JSON/ })).toBeVisible();

  const values = page.getByRole('table', { name: 'Label values of dataset' });
  await expect(values.getByRole('row', { name: /^throughput 1300\.25/ })).toBeVisible();
  await expect(values.getByRole('row', { name: /^latency_ms 11\b/ })).toBeVisible();
  await expect(values.getByRole('row', { name: /^broken/ })).toContainText(/No value: .*no build b-42/);
  await expectAccessible(page);

  // Horreum's address of a run leads here too.
  await page.goto(`/run/${runIds[0]}`);
  await expect(page).toHaveURL(new RegExp(`/runs/${runIds[0]}$`));
});

test('editing a label recalculates its values, with progress to 100%', async ({ page }) => {
  await signInWithPassword(page, ADMIN);
  await page.goto(`${schemaPath}?tab=labels`);
  await page.getByRole('button', { name: 'Edit latency_ms' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit label latency_ms' });
  await expect(dialog.getByRole('textbox', { name: 'JSONPath of extractor 1' })).toHaveValue('$.results.latency');
  await dialog.getByRole('textbox', { name: 'Combination function' }).fill('value => Math.round(value * 1000000)');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Label latency_ms saved/)).toBeVisible();

  await page.goto(`/tests/${world.test.id}?tab=label-values`);
  const progress = page.getByRole('progressbar', { name: /Label values/ }).first();
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expectAccessible(page);
  const table = page.getByRole('table', { name: 'Label values' });
  await expect(table.getByRole('row', { name: new RegExp(`Run ${runIds[0]}\\b.*12000\\b`) })).toBeVisible();
  await expect(table.getByRole('row', { name: new RegExp(`Run ${runIds[1]}\\b.*11000\\b`) })).toBeVisible();
});

test('a tester trashes a selected run and restores it; the other tabs are accessible too', async ({ page }) => {
  await signInWithPassword(page, ADMIN);
  await page.goto(`/tests/${world.test.id}`);
  const runs = page.getByRole('table', { name: 'Runs' });
  const row = runs.getByRole('row', { name: new RegExp(`Run ${runIds[0]}\\b`) });
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Trash selected (1)' }).click();
  const confirm = page.getByRole('dialog', { name: `Trash run ${runIds[0]}?` });
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Trash', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByText('1 run', { exact: true })).toBeVisible();

  await page.getByText('Show trashed runs').click();
  await expect(page).toHaveURL(/trashed=true/);
  await expect(row.getByText('Trashed')).toBeVisible();
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Restore selected (1)' }).click();
  await expect(row.getByText('Trashed')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Datasets' }).click();
  await expect(page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name: `${runIds[1]}/1` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Fingerprint', exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation').getByRole('link', { name: 'Schemas' }).click();
  await expect(page.getByRole('table', { name: 'Schemas' }).getByRole('link', { name: `Results ${world.schemaUri}` })).toBeVisible();
  await expectAccessible(page);
});
