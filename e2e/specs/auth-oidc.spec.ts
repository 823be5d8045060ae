import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN_ENV } from '../support/accounts';
import { expectAccessible } from '../support/a11y';
import { prepareUploadTarget, uploadWithKey } from '../support/uploads';
import { createApiKeyInUi, revokeApiKeyInUi } from '../support/api-keys';
import { freePort, newDataDir, startGranary } from '../support/launcher';
import { startOidcProvider } from '../support/oidc-provider';
import { openFromUserMenu, userMenu } from '../support/sign-in';

const USERNAME = 'oidc-carol';

/**
 * Single sign-on against a real OIDC provider on localhost (authorization code + PKCE, JWT
 * access tokens for the `granary-api` audience), on a Granary of its own started with the
 * provider's settings, as docs/configuration.md describes them.
 */
test('signs in with single sign-on; an API key made then works until it is revoked; signing out ends the provider session too', async ({
  page,
  request,
}) => {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const provider = await startOidcProvider({ granaryOrigins: [origin, `http://127.0.0.1:${port}`] });
  const dataDir = newDataDir();
  try {
    const granary = await startGranary({
      dataDir,
      port,
      env: {
        ...ADMIN_ENV,
        GRANARY_PUBLIC_URL: origin,
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: 'granary-ui',
        OIDC_AUDIENCE: 'granary-api',
      },
    });
    try {
      // The provider's development pages import a web font; this network is closed.
      await page.route('https://fonts.googleapis.com/**', (route) => route.abort());

      // Start on the other loopback name: sign-in moves to the public URL, where the provider sends people back.
      await page.goto(`http://127.0.0.1:${port}/user/api-keys`);
      await expect(page).toHaveURL(/\/login\?next=%2Fuser%2Fapi-keys$/);
      await expect(page.getByRole('textbox', { name: 'User name', exact: true })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();

      await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
      await page.getByPlaceholder('Enter any login').fill(USERNAME);
      await page.getByPlaceholder('and password').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click(); // consent to openid profile email

      await expect(page).toHaveURL(`${origin}/user/api-keys`);
      await expect(userMenu(page, USERNAME)).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
      // The id_token is kept for logout only: its cookie goes to /auth, not to every page.
      expect((await page.context().cookies(origin)).map((c) => c.name)).not.toContain('granary_id_token');
      const cookies = await page.context().cookies(`${origin}/auth/logout`);
      expect(cookies.find((c) => c.name === 'granary_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(cookies.find((c) => c.name === 'granary_id_token')).toMatchObject({ httpOnly: true, path: '/auth' });

      // The user exists since the sign-in; an administrator makes them an uploader of a team's test.
      const { test: target } = await prepareUploadTarget(request, granary.url, [USERNAME]);
      const key = await createApiKeyInUi(page, 'e2e-oidc');
      const me = await request.get(`${granary.url}/api/auth/me`, { headers: { 'X-Horreum-API-Key': key } });
      expect(me.status()).toBe(200);
      expect(await me.json()).toMatchObject({ username: USERNAME, via: 'api-key' });
      expect((await uploadWithKey(request, granary.url, target, key)).status()).toBe(202);

      await revokeApiKeyInUi(page, 'e2e-oidc');
      const refused = await uploadWithKey(request, granary.url, target, key);
      expect(refused.status()).toBe(401);

      // Signing out ends the provider's session as well (RP-initiated logout), then comes back.
      await openFromUserMenu(page, USERNAME, 'Sign out');
      await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/session/end`));
      await page.getByRole('button', { name: 'Yes, sign me out' }).click();
      await expect(page).toHaveURL(`${origin}/login`);
      expect((await page.context().cookies(origin)).map((c) => c.name)).not.toContain('granary_session');
    } finally {
      expect(await granary.stop()).toBe(0);
    }
  } finally {
    await provider.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
