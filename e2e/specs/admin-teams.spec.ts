import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/accounts';
import { expectAccessible } from '../support/a11y';
import { openFromUserMenu, signInWithPassword, userMenu } from '../support/sign-in';

const TEAM = 'e2e-team';
const TESTER = { username: 'e2e-tester', password: 'e2e-tester-password' };

/**
 * An administrator sets up a team and a tester in it from the Admin page; the tester signs in
 * on their own browser, has their own API keys page, and is refused the Admin page.
 */
test('an administrator creates a team and a tester in it, who signs in but may not administer', async ({ page, browser, baseURL }) => {
  await signInWithPassword(page, ADMIN);
  await openFromUserMenu(page, ADMIN.username, 'Administration');
  await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();

  // The team: "-team" is added to the name typed.
  await page.getByLabel('New team').fill('e2e');
  await expect(page.getByText(`The team will be called ${TEAM}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('table', { name: 'Teams' }).getByRole('link', { name: TEAM })).toBeVisible();
  await expect(page.getByLabel('New team')).toHaveValue('');

  // The user, in that team as a tester.
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('User name').fill(TESTER.username);
  await dialog.getByLabel('E-mail').fill(`${TESTER.username}@example.com`);
  await dialog.getByLabel('First name').fill('Tess');
  await dialog.getByLabel('Last name').fill('Ter');
  await dialog.getByLabel('Password').fill(TESTER.password);
  await dialog.getByLabel('Team').selectOption(TEAM);
  await dialog.getByRole('checkbox', { name: /^tester/ }).check();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row', { name: new RegExp(`^${TESTER.username}\\b`) });
  await expect(row).toContainText('Tess Ter');
  await expect(row).toContainText(`${TESTER.username}@example.com`);

  // Searching keeps its query in the URL.
  await page.getByRole('textbox', { name: 'Search users' }).fill('e2e-');
  await page.getByRole('textbox', { name: 'Search users' }).press('Enter');
  await expect(page).toHaveURL(/\/admin\?q=e2e-$/);
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row')).toHaveCount(2); // header + the tester

  // The team's page shows the tester's roles as checkboxes; a change is saved for good.
  await page.getByRole('link', { name: TEAM }).click();
  await expect(page).toHaveURL(new RegExp(`/teams/${TEAM}$`));
  await expect(page).toHaveTitle(`Team ${TEAM} · Granary`);
  const tester = (role: string) => page.getByRole('checkbox', { name: `${role} in ${TEAM} for ${TESTER.username}` });
  await expect(tester('tester')).toBeChecked();
  await expect(tester('uploader')).not.toBeChecked();
  await tester('uploader').check();
  await expect(page.getByText(`${TESTER.username} gains uploader`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Unsaved changes')).toBeHidden();
  await page.reload();
  await expect(tester('uploader')).toBeChecked();
  await expect(tester('tester')).toBeChecked();

  // The tester, in a browser of their own.
  const context = await browser.newContext({ baseURL });
  const testerPage = await context.newPage();
  try {
    await signInWithPassword(testerPage, TESTER);
    await userMenu(testerPage, TESTER.username).click();
    await expect(testerPage.getByRole('menuitem', { name: 'Administration' })).toHaveCount(0);
    await testerPage.getByRole('menuitem', { name: 'API keys' }).click();
    await expect(testerPage.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
    await expect(testerPage.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();

    await testerPage.goto('/admin');
    await expect(testerPage.getByRole('heading', { name: 'You are not allowed here' })).toBeVisible();
    await expect(testerPage.getByRole('table', { name: 'Users' })).toHaveCount(0);
    await expectAccessible(testerPage);

    await testerPage.goto(`/teams/${TEAM}`);
    await expect(testerPage.getByRole('heading', { name: 'You are not allowed here' })).toBeVisible();
  } finally {
    await context.close();
  }
});
