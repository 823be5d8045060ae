import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/accounts';
import { expectAccessible } from '../support/a11y';
import { prepareUploadTarget, uploadWithKey } from '../support/uploads';
import { fillLoginForm, openFromUserMenu, signInWithPassword, userMenu } from '../support/sign-in';

/**
 * Granary's own users: the login form, the user menu, API keys made in the UI and used by a
 * script (Playwright's request context stands in for curl), revoking them, and signing out.
 */
test.describe('signing in with a password', () => {
  test('creates an API key in the UI that works for the API until it is revoked', async ({ page, request }) => {
    await page.goto('/login');
    await expect(page).toHaveTitle('Sign in · Granary');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Granary' })).toBeVisible();
    await expectAccessible(page);

    await fillLoginForm(page, ADMIN);
    await expect(page).toHaveURL(/\/$/);
    await expect(userMenu(page, ADMIN.username)).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toHaveCount(0);

    await openFromUserMenu(page, ADMIN.username, 'API keys');
    await expect(page).toHaveURL(/\/user\/api-keys$/);
    await expect(page).toHaveTitle('API keys · Granary');
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create API key' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Name').fill('e2e-local');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const created = page.getByRole('dialog', { name: 'API key created' });
    await expect(created.getByText('it will not be shown again')).toBeVisible();
    const key = await created.getByRole('textbox', { name: 'New API key' }).inputValue();
    expect(key).toMatch(/^HUSR_/);
    await expect(created.getByRole('button', { name: 'Copy the new API key' })).toBeVisible();
    await expectAccessible(page);
    await created.getByRole('button', { name: 'Done' }).click();
    await expect(created).toBeHidden();

    const row = page.getByRole('row', { name: /e2e-local/ });
    await expect(row.getByText('Active')).toBeVisible();
    await expect(row.getByRole('cell', { name: 'Never' })).toHaveCount(2); // never used, never expires

    const me = await request.get('/api/auth/me', { headers: { 'X-Horreum-API-Key': key } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ username: ADMIN.username, via: 'api-key' });
    const { test: target } = await prepareUploadTarget(request, '', [ADMIN.username]);
    const uploaded = await uploadWithKey(request, '', target, key);
    expect(uploaded.status()).toBe(202);
    expect(await uploaded.text()).toMatch(/^\d+$/);

    await row.getByRole('button', { name: 'Revoke e2e-local' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke API key e2e-local?' });
    await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(row.getByText('Revoked')).toBeVisible();
    await expect(row.getByRole('button', { name: 'Revoke e2e-local' })).toHaveCount(0);

    const refused = await uploadWithKey(request, '', target, key);
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ type: 'urn:granary:problem:invalid-credentials' });
  });

  test('says so when the password is wrong, and keeps the user name', async ({ page }) => {
    await page.goto('/login');
    await fillLoginForm(page, { username: ADMIN.username, password: 'not-the-password' });
    await expect(page.getByRole('heading', { name: /Wrong user name or password/ })).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('textbox', { name: 'User name', exact: true })).toHaveValue(ADMIN.username);
    await expectAccessible(page);
  });

  test('signs out back to an anonymous visitor who can still browse public pages', async ({ page }) => {
    await signInWithPassword(page, ADMIN);
    await openFromUserMenu(page, ADMIN.username, 'Sign out');
    await expect(page).toHaveURL(/\/login$/);

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Tests' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(userMenu(page, ADMIN.username)).toHaveCount(0);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'granary_session')).toBeUndefined();
  });

  test('sends a signed-out visitor of the API keys page to sign in, and back there after', async ({ page }) => {
    await page.goto('/user/api-keys');
    await expect(page).toHaveURL(/\/login\?next=%2Fuser%2Fapi-keys$/);
    await fillLoginForm(page, ADMIN);
    await expect(page).toHaveURL(/\/user\/api-keys$/);
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  });

  test('keeps the session in an httpOnly cookie the page scripts cannot read', async ({ page }) => {
    await signInWithPassword(page, ADMIN);
    const session = (await page.context().cookies()).find((c) => c.name === 'granary_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session?.value).toMatch(/^gs_/);
    expect(await page.evaluate(() => document.cookie)).not.toContain('granary_session');
  });

  test('sends the browser to sign in again when the session ended elsewhere, and forgets the cookie', async ({ page, request }) => {
    await signInWithPassword(page, ADMIN);
    const token = (await page.context().cookies()).find((c) => c.name === 'granary_session')?.value;
    // The session ends behind the UI's back (signed out from another tab or by a script).
    const ended = await request.post('/api/auth/logout', { headers: { authorization: `Bearer ${token}` } });
    expect(ended.status()).toBe(204);

    await page.goto('/user/api-keys');
    await expect(page).toHaveURL(/\/login\?next=%2Fuser%2Fapi-keys$/);
    expect((await page.context().cookies()).find((c) => c.name === 'granary_session')).toBeUndefined();
    await fillLoginForm(page, ADMIN);
    await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  });

  test('shows an administrator the Admin page, accessibly', async ({ page }) => {
    await signInWithPassword(page, ADMIN);
    await openFromUserMenu(page, ADMIN.username, 'Administration');
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page).toHaveTitle('Admin · Granary');
    await expect(page.getByRole('heading', { level: 2, name: 'Users', exact: true })).toBeVisible();
    await expect(page.getByRole('row', { name: new RegExp(`^${ADMIN.username}\\b`) })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Teams', exact: true })).toBeVisible();
    await expectAccessible(page);
  });

  test('says how long to wait after too many failed attempts', async ({ page, request }) => {
    const wrong = { username: 'e2e-nobody', password: 'not-a-password' };
    // Five failures are free; after that each one doubles the wait (1 s, 2 s, 4 s, ...). Fail by
    // script until the wait is long enough for a person to see it in the form.
    let retryAfter = 0;
    for (let attempt = 0; retryAfter < 4 && attempt < 20; attempt++) {
      const answer = await request.post('/api/auth/login', { data: wrong });
      if (answer.status() === 429) {
        retryAfter = Number(answer.headers()['retry-after']);
        if (retryAfter < 4) {
          await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
        }
      } else {
        expect(answer.status()).toBe(401);
      }
    }
    expect(retryAfter).toBeGreaterThanOrEqual(4);

    await page.goto('/login');
    await fillLoginForm(page, wrong);
    await expect(page.getByRole('heading', { name: /Too many failed sign-in attempts/ })).toBeVisible();
    await expect(page.getByText(/Wait \d+ seconds?, then try again\./)).toBeVisible();

    // Once the wait is over, a right password gets in (and clears this address's failures for the specs after).
    await page.waitForTimeout(retryAfter * 1000);
    await fillLoginForm(page, ADMIN);
    await expect(userMenu(page, ADMIN.username)).toBeVisible();
  });
});
