import { expect, type Page } from '@playwright/test';

/** Creates an API key on the API keys page (already open) and reads it from the modal, the one time it is shown. */
export async function createApiKeyInUi(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  const created = page.getByRole('dialog', { name: 'API key created' });
  await expect(created.getByText('it will not be shown again')).toBeVisible();
  const key = await created.getByRole('textbox', { name: 'New API key' }).inputValue();
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(created).toBeHidden();
  return key;
}

/** Revokes a key on the API keys page, confirming in the modal, and waits for the list to say so. */
export async function revokeApiKeyInUi(page: Page, name: string): Promise<void> {
  const row = page.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Revoke API key ${name}?` });
  await confirm.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText('Revoked')).toBeVisible();
}
