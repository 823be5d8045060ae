import { sql } from '@granary/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bootApp, type TestApp } from '../test-support/app';
import { startOidcProvider, type TestOidcProvider } from '../test-support/oidc-provider';

/** Bearer tokens from a real OIDC provider on localhost, in both OIDC modes. */
describe('OIDC bearer tokens', () => {
  let provider: TestOidcProvider;
  beforeAll(async () => {
    provider = await startOidcProvider();
  });
  afterAll(() => provider.close());

  describe('with any OIDC provider (teams and roles kept in Granary)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await bootApp(inject('granaryDb'), { OIDC_ISSUER_URL: provider.issuer, OIDC_AUDIENCE: 'granary-api', GRANARY_ADMIN_PASSWORD: 'admin-password-1' });
    });
    afterAll(() => t.close());

    const me = async (token: string) => fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

    it('accepts a token the provider signed, and creates the user at first sight', async () => {
      const response = await me(await provider.token({ preferred_username: 'carol', email: 'carol@example.com' }));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ username: 'carol', roles: [], via: 'oidc' });
      const rows = await sql(t.db.ownerUrl, "SELECT username, email, oidc_issuer FROM app_user WHERE username = 'carol'");
      expect(rows).toEqual([{ username: 'carol', email: 'carol@example.com', oidc_issuer: provider.issuer }]);
    });

    it('takes the roles from Granary, not from the token', async () => {
      const admin = (await t.client.POST('/api/auth/login', { body: { username: 'admin', password: 'admin-password-1' } })).data!.token;
      const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
      await fetch(`${t.baseUrl}/api/user/team/oidc-team`, { method: 'POST', headers });
      await fetch(`${t.baseUrl}/api/user/team/oidc-team/members`, { method: 'POST', headers, body: JSON.stringify({ carol: ['viewer'] }) });
      const token = await provider.token({ preferred_username: 'carol', realm_access: { roles: ['admin'] } });
      expect(await (await me(token)).json()).toMatchObject({ roles: ['oidc-team', 'oidc-viewer', 'viewer'], isAdmin: false });
    });

    it('refuses a token for another audience', async () => {
      expect((await me(await provider.token({ preferred_username: 'carol' }, 'another-api'))).status).toBe(401);
    });

    it('refuses a token whose signature was tampered with', async () => {
      const token = await provider.token({ preferred_username: 'carol' });
      const [header, payload] = token.split('.');
      const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      forged.preferred_username = 'admin';
      expect((await me(`${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${token.split('.')[2]}`)).status).toBe(401);
    });

    it("never links a provider user to a local account of the same name", async () => {
      const response = await me(await provider.token({ preferred_username: 'admin' }));
      expect(response.status).toBe(409);
    });

    it('exchanges a token for a Granary session (the UI sign-in)', async () => {
      const response = await fetch(`${t.baseUrl}/api/auth/oidc/session`, { method: 'POST', headers: { authorization: `Bearer ${await provider.token({ preferred_username: 'carol' })}` } });
      expect(response.status).toBe(200);
      const { token } = (await response.json()) as { token: string };
      expect(await (await me(token)).json()).toMatchObject({ username: 'carol', via: 'session' });
    });

    it('describes the sign-in options to the UI', async () => {
      const { data } = await t.client.GET('/api/auth/config');
      expect(data).toEqual({ localLogin: true, oidc: { issuer: provider.issuer, clientId: 'granary-ui' } });
    });
  });

  describe('with Keycloak (roles from the token)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await bootApp(inject('granaryDb'), {
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_AUDIENCE: 'granary-api',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
        GRANARY_LOCAL_LOGIN: 'false',
      });
    });
    afterAll(() => t.close());

    it("reads Horreum-style roles from the token's realm roles", async () => {
      const token = await provider.token({ preferred_username: 'dave', realm_access: { roles: ['perf-tester', 'offline_access', 'default-roles-granary'] } });
      const response = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await response.json()).toMatchObject({ username: 'dave', roles: ['perf-team', 'perf-tester', 'perf-viewer', 'tester', 'viewer'] });
    });

    it("keeps those roles for the user's API keys", async () => {
      const token = await provider.token({ preferred_username: 'erin', realm_access: { roles: ['perf-viewer'] } });
      const key = await (
        await fetch(`${t.baseUrl}/api/user/apikey`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"name":"ci"}' })
      ).text();
      const me = await fetch(`${t.baseUrl}/api/auth/me`, { headers: { 'x-horreum-api-key': key } });
      expect(await me.json()).toMatchObject({ username: 'erin', roles: ['perf-team', 'perf-viewer', 'viewer'], via: 'api-key' });
    });

    it('turns password sign-in off when GRANARY_LOCAL_LOGIN=false', async () => {
      const { response } = await t.client.POST('/api/auth/login', { body: { username: 'admin', password: 'whatever-it-is' } });
      expect(response.status).toBe(403);
    });
  });
});
