import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../support/a11y';
import { prepareChangesWorld } from '../support/changes';
import { basicAuth, createPublicTest, createTeamMember, deleteTest } from '../support/notifications';
import type { ResultsWorld } from '../support/results';
import { openFromUserMenu, signInWithPassword } from '../support/sign-in';

/**
 * The notifications journey: a tester of a test's team adds a missing data rule on the test's
 * Notifications tab, edits and deletes it, subscribes to the test (in person and through the
 * team), and sets where the e-mails go on the Notification settings page; a viewer reads the
 * rules without changing them, and a visitor who is not signed in is asked to sign in.
 */
test.describe.configure({ mode: 'serial' });

let world: ResultsWorld;
let tester: { username: string; password: string };
let viewer: { username: string; password: string };

test.beforeAll(async ({ request }) => {
  world = await prepareChangesWorld(request);
  tester = await createTeamMember(request, world.team, ['tester']);
  viewer = await createTeamMember(request, world.team, ['viewer']);
});

/** The "Subscribed" list of the watch panel: users, teams, opted out, in that order. */
function subscribed(watch: Locator, entry: 'Users' | 'Teams' | 'Opted out'): Locator {
  return watch.getByRole('definition').nth(['Users', 'Teams', 'Opted out'].indexOf(entry));
}

async function openNotifications(page: Page) {
  await page.goto(`/tests/${world.test.id}`);
  await page.getByRole('tab', { name: 'Notifications', exact: true }).click();
  await expect(page).toHaveURL(/tab=notifications/);
  await expect(page.getByRole('heading', { name: 'Missing data rules', exact: true })).toBeVisible();
}

test('a tester adds, edits and deletes a missing data rule', async ({ page }) => {
  await signInWithPassword(page, tester);
  await openNotifications(page);
  await expect(page.getByRole('heading', { name: 'No missing data rules' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add missing data rule' });
  // Saving without a name says what is missing, by the field.
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Give the rule a name: notifications show it.')).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Name' }).fill('Nightly throughput');
  await dialog.getByRole('button', { name: /^Labels of the rule/ }).click();
  await page.getByRole('menu', { name: 'Labels of the rule' }).getByRole('menuitem', { name: /^throughput\b/ }).click();
  await page.keyboard.press('Escape');
  await expect(dialog.getByRole('button', { name: 'Labels of the rule: throughput' })).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Condition' }).fill('throughput => throughput > 0');
  await dialog.getByRole('combobox', { name: 'Unit of the maximum staleness' }).selectOption('days');
  await dialog.getByRole('spinbutton', { name: 'Maximum staleness' }).fill('2');
  await expectAccessible(page);
  // Enter in a field submits the form, as the Save button does.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  const rules = page.getByRole('table', { name: 'Missing data rules' });
  const row = rules.getByRole('row', { name: /Nightly throughput/ });
  await expect(row).toContainText('throughput => throughput > 0');
  await expect(row).toContainText('2 days');
  await expect(row).toContainText('Never');
  await expectAccessible(page);

  await row.getByRole('button', { name: 'Edit rule Nightly throughput' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit rule Nightly throughput' });
  await expect(edit.getByRole('spinbutton', { name: 'Maximum staleness' })).toHaveValue('2');
  await edit.getByRole('spinbutton', { name: 'Maximum staleness' }).fill('6');
  await edit.getByRole('combobox', { name: 'Unit of the maximum staleness' }).selectOption('hours');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText('6 h');

  await page.getByRole('button', { name: 'Add rule' }).click();
  const second = page.getByRole('dialog', { name: 'Add missing data rule' });
  await second.getByRole('textbox', { name: 'Name' }).fill('Any dataset');
  await second.getByRole('button', { name: 'Save' }).click();
  await expect(second).toBeHidden();
  await expect(rules.getByRole('row', { name: /Any dataset/ })).toContainText('Every dataset');
  await expect(rules.getByRole('row', { name: /Any dataset/ })).toContainText('1 day');

  await rules.getByRole('button', { name: 'Delete rule Any dataset' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete rule Any dataset?' });
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(rules.getByRole('row', { name: /Any dataset/ })).toHaveCount(0);
  await expect(row).toBeVisible();
});

test('a tester subscribes to the test in person and through the team', async ({ page }) => {
  await signInWithPassword(page, tester);
  await openNotifications(page);
  const watch = page.getByRole('region', { name: 'Watch this test' });
  await expect(watch).toContainText('You get no e-mails about this test.');
  await expect(subscribed(watch, 'Users')).toHaveText('None');
  await expectAccessible(page);

  await watch.getByRole('button', { name: 'Subscribe yourself' }).click();
  await expect(watch).toContainText('You get e-mails about this test: you subscribed yourself.');
  await expect(watch.getByRole('button', { name: 'Unsubscribe yourself' })).toBeVisible();
  await expect(subscribed(watch, 'Users')).toHaveText(tester.username);

  const teams = watch.getByRole('table', { name: "Your teams' subscriptions" });
  await teams.getByRole('button', { name: `Subscribe ${world.team}` }).click();
  await expect(teams.getByRole('row', { name: new RegExp(world.team) })).toContainText('Subscribed');
  await expect(subscribed(watch, 'Teams')).toHaveText(world.team);
  await expectAccessible(page);

  // Unsubscribed in person, the team still brings the e-mails; opting out ends that too.
  await watch.getByRole('button', { name: 'Unsubscribe yourself' }).click();
  await expect(watch).toContainText(`You get e-mails about this test through ${world.team}.`);
  await watch.getByRole('button', { name: "Opt out of your teams' e-mails" }).click();
  await expect(watch).toContainText(`You opted out: ${world.team} is subscribed, but you get no e-mails about this test.`);
  await expect(subscribed(watch, 'Opted out')).toHaveText(tester.username);
  await watch.getByRole('button', { name: 'Subscribe yourself' }).click();
  await expect(watch).toContainText('You get e-mails about this test: you subscribed yourself.');
  await expect(subscribed(watch, 'Opted out')).toHaveText('None');
});

test('a tester sets where the e-mails go on the Notification settings page', async ({ page, request }) => {
  await signInWithPassword(page, tester);
  await openFromUserMenu(page, tester.username, 'Notification settings');
  await expect(page).toHaveURL(/\/user\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible();
  await expect(page.getByText("No addresses: e-mails go to your account's e-mail address.").filter({ visible: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Add address' }).click();
  await page.getByRole('textbox', { name: 'Address 1' }).fill('not an address');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Enter an e-mail address, e.g. alice@example.com.').filter({ visible: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Address 1' }).fill('perf-alerts@example.com');
  await expect(page.getByText('E-mails go to perf-alerts@example.com.').filter({ visible: true })).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Notification settings saved/ })).toBeVisible();
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Address 1' })).toHaveValue('perf-alerts@example.com');
  const stored = await request.get(`/api/notifications/settings?name=${tester.username}`, { headers: basicAuth(tester) });
  expect(stored.status()).toBe(200);
  expect(await stored.json()).toEqual([expect.objectContaining({ method: 'email', data: 'perf-alerts@example.com', disabled: false })]);
});

test('a viewer reads the rules but cannot change them', async ({ page }) => {
  await signInWithPassword(page, viewer);
  await openNotifications(page);
  await expect(page.getByRole('table', { name: 'Missing data rules' }).getByRole('row', { name: /Nightly throughput/ })).toContainText('6 h');
  await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Edit rule/ })).toHaveCount(0);
  // A viewer sees only its own subscriptions, not the tester's.
  const watch = page.getByRole('region', { name: 'Watch this test' });
  await expect(watch).toContainText(`You get e-mails about this test through ${world.team}.`);
  await expect(subscribed(watch, 'Users')).toHaveText('None');
  await expectAccessible(page);
});

test('a visitor who is not signed in is asked to sign in to subscribe', async ({ page, request }) => {
  const publicTest = await createPublicTest(request, world.team);
  try {
    await page.goto(`/tests/${publicTest.id}?tab=notifications`);
    const watch = page.getByRole('region', { name: 'Watch this test' });
    await expect(watch.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', `/login?next=${encodeURIComponent(`/tests/${publicTest.id}?tab=notifications`)}`);
    await expect(page.getByRole('heading', { name: 'No missing data rules' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await deleteTest(request, publicTest.id);
  }
});
