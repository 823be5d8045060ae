import { expect, type Locator, type Page } from '@playwright/test';

/** The masthead's user menu toggle, named after the person signed in. */
export function userMenu(page: Page, username: string): Locator {
  return page.getByRole('banner').getByRole('button', { name: username, exact: true });
}

/** Fills Granary's login form as a person would (the page must show it already). */
export async function fillLoginForm(page: Page, credentials: { username: string; password: string }): Promise<void> {
  await page.getByRole('textbox', { name: 'User name', exact: true }).fill(credentials.username);
  // A password field is a textbox without a role of its own; "Show password" is a button.
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the login form and waits for the user menu. */
export async function signInWithPassword(page: Page, credentials: { username: string; password: string }, origin = ''): Promise<void> {
  await page.goto(`${origin}/login`);
  await fillLoginForm(page, credentials);
  await expect(userMenu(page, credentials.username)).toBeVisible();
}

/** Opens the user menu and follows one of its entries. */
export async function openFromUserMenu(page: Page, username: string, entry: string): Promise<void> {
  await userMenu(page, username).click();
  await page.getByRole('menuitem', { name: entry }).click();
}
