import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/accounts';
import { expectAccessible } from '../support/a11y';
import { prepareChangesWorld } from '../support/changes';
import { uploadRun, type ResultsWorld } from '../support/results';
import { signInWithPassword } from '../support/sign-in';

/**
 * The change detection journey: a tester defines a variable in the UI, a CI job uploads runs
 * whose throughput drops by 30 %, and the test's Changes tab shows the step on a chart and in
 * the list, where the tester confirms it; the Changes page lists it across tests.
 */
test.describe.configure({ mode: 'serial' });

let world: ResultsWorld;

// Six runs around 100, then six around 70: one clear step down at the seventh.
const VALUES = [100, 101, 99, 100.5, 99.5, 100, 70, 71, 69, 70.5, 69.5, 70];
const STEP_AT = 6;
const startOf = (i: number) => new Date(Date.UTC(2026, 10, 1 + i, 10)).toISOString();
const stopOf = (i: number) => new Date(Date.UTC(2026, 10, 1 + i, 10, 5)).toISOString();
const dateOf = (i: number) => `${startOf(i).slice(0, 10)} 10:00:00 UTC`;

test.beforeAll(async ({ request }) => {
  world = await prepareChangesWorld(request);
});

async function openTab(page: Page, tab: 'Changes' | 'Change detection') {
  await page.goto(`/tests/${world.test.id}`);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await expect(page).toHaveURL(tab === 'Changes' ? /tab=changes/ : /tab=change-detection/);
}

test('a tester defines a change detection variable in the UI', async ({ page }) => {
  await signInWithPassword(page, ADMIN);
  await openTab(page, 'Change detection');
  await expect(page.getByRole('heading', { name: 'No variables yet' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Add variable' }).click();
  const variable = page.getByRole('region', { name: /^Variable / });
  await variable.getByRole('textbox', { name: 'Name' }).fill('Throughput');
  await page.getByRole('button', { name: /^Labels of Throughput/ }).click();
  await page.getByRole('menu', { name: 'Labels of Throughput' }).getByRole('menuitem', { name: /^throughput\b/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Labels of Throughput: throughput' })).toBeVisible();
  // A new variable has Horreum's two default models; this journey keeps the first only.
  await expect(page.getByRole('spinbutton', { name: 'Threshold for relative difference (Throughput, model 1)' })).toHaveValue('20');
  await page.getByRole('button', { name: 'Remove model 2 of Throughput' }).click();
  await expect(page.getByRole('button', { name: 'Remove model 2 of Throughput' })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Variables saved/ })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: /Change detection over the whole history/ })).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });

  // Saved: the page shows it again from the API.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Throughput');
  await expect(page.getByRole('button', { name: 'Remove model 1 of Throughput' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove model 2 of Throughput' })).toHaveCount(0);
});

test('runs with a step show the change on the chart and in the list, where a tester confirms it', async ({ page, request }) => {
  for (const [i, throughput] of VALUES.entries()) {
    await uploadRun(request, world, { $schema: world.schemaUri, results: { throughput } }, startOf(i), stopOf(i));
  }
  await signInWithPassword(page, ADMIN);
  await openTab(page, 'Changes');
  // Detection runs in the background after the label values are stored.
  const changes = page.getByRole('table', { name: 'Changes' });
  await expect(async () => {
    await page.reload();
    await expect(changes.getByRole('row', { name: new RegExp(dateOf(STEP_AT)) })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });

  await expect(page.getByRole('img', { name: 'Chart of Throughput' })).toBeVisible();
  await expect(page.getByText(/^12 datapoints from .* 1 change: new change on /).filter({ visible: true })).toBeVisible();
  const row = changes.getByRole('row', { name: new RegExp(dateOf(STEP_AT)) });
  await expect(row).toContainText('New');
  await expect(row).toContainText('Relative difference');
  await expect(row).toContainText('Not reviewed');
  await expectAccessible(page);

  // Zoom by keyboard-reachable buttons.
  await page.getByRole('button', { name: 'Zoom in on Throughput' }).click();
  await expect(page.getByRole('button', { name: 'Show all datapoints of Throughput' })).toBeEnabled();
  await page.getByRole('button', { name: 'Show all datapoints of Throughput' }).click();

  // The datapoints behind the chart, and one opened from the table.
  await page.getByRole('button', { name: 'Show the datapoints of Throughput as a table' }).click();
  const points = page.getByRole('table', { name: 'Datapoints of Throughput' });
  await expect(points.getByRole('row')).toHaveCount(VALUES.length + 1);
  await points.getByRole('button', { name: `Open the datapoint of Throughput on ${dateOf(STEP_AT)}` }).click();
  const panel = page.getByRole('region', { name: `Datapoint of Throughput on ${dateOf(STEP_AT)}` });
  await expect(panel).toContainText('starts here');
  await expect(panel.getByRole('button', { name: 'Flag as outlier' })).toBeVisible();
  await expect(panel.getByRole('link', { name: /^Run \d+$/ })).toBeVisible();
  await expectAccessible(page);

  await row.getByRole('button', { name: /^Confirm change of Throughput/ }).click();
  await expect(row).toContainText('Confirmed by admin');
  await expect(row.getByRole('button', { name: /^Confirm change/ })).toHaveCount(0);
  await expectAccessible(page);
});

test('a tester marks a change by hand from a datapoint', async ({ page }) => {
  await signInWithPassword(page, ADMIN);
  await openTab(page, 'Changes');
  await page.getByRole('button', { name: 'Show the datapoints of Throughput as a table' }).click();
  await page.getByRole('button', { name: `Open the datapoint of Throughput on ${dateOf(10)}` }).click();
  await page.getByRole('button', { name: 'Mark change here' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark a change here?' });
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Known step: new image');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Mark change' }).click();
  await expect(dialog).toBeHidden();
  const manual = page.getByRole('table', { name: 'Changes' }).getByRole('row', { name: /Known step: new image/ });
  await expect(manual).toContainText('Manual');
  // The confirmed change stays as it was.
  await expect(page.getByRole('table', { name: 'Changes' }).getByRole('row', { name: new RegExp(dateOf(STEP_AT)) })).toContainText('Confirmed');
});

test('the Changes page lists the change across tests and leads to its series', async ({ page }) => {
  await signInWithPassword(page, ADMIN);
  await page.getByRole('navigation').getByRole('link', { name: 'Changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Changes' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Recent changes' });
  const row = table.getByRole('row', { name: new RegExp(`${dateOf(STEP_AT)}.*${world.test.name}`) });
  await expect(row).toContainText('Throughput');
  await expect(row).toContainText('Confirmed');
  await expectAccessible(page);

  await row.getByRole('link', { name: new RegExp(`^Change of Throughput in ${world.test.name}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/tests/${world.test.id}\\?tab=changes`));
  await expect(page.getByRole('img', { name: 'Chart of Throughput' })).toBeVisible();
});
