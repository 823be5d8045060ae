import { expect, test } from '@playwright/test';
import { expectAccessible } from '../support/a11y';

test.describe('a fresh Granary', () => {
  test('is ready, and shows the Tests page with its empty state', async ({ page, request }, testInfo) => {
    const ready = await request.get('/api/health/ready');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { status: 'up' }, migrations: { status: 'up' } } });

    await page.goto('/');
    await expect(page).toHaveTitle(/Tests · Granary/);
    await expect(page.getByRole('heading', { level: 1, name: 'Tests' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No tests yet' })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Tests' })).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page);

    const screenshot = testInfo.outputPath('tests-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('tests page', { path: screenshot, contentType: 'image/png' });
  });

  test('can be navigated with the keyboard alone', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: /skip to (main )?content/i });
    await expect(skip).toBeFocused();
    // Walk the focus order until the Runs link of the navigation is reached, then follow it.
    const runs = page.getByRole('navigation').getByRole('link', { name: 'Runs' });
    for (let i = 0; i < 15 && !(await runs.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(runs).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/runs$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  });

  for (const section of ['Runs', 'Schemas', 'Changes', 'Reports', 'Admin']) {
    test(`has an accessible ${section} page reachable from the navigation`, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('navigation').getByRole('link', { name: section }).click();
      await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
      await expect(page).toHaveTitle(new RegExp(`${section} · Granary`));
      await expectAccessible(page);
    });
  }

  test('follows a dark system theme', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ colorScheme: 'dark', baseURL });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
    await expectAccessible(page);
    await context.close();
  });

  test('answers an unknown page with a not-found page, and the API reference is served', async ({ page, request }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
    const openapi = await request.get('/api/openapi.json');
    expect((await openapi.json()).openapi).toBe('3.1.0');
    expect((await request.get('/api/docs')).status()).toBe(200);
  });
});
