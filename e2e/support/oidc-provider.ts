import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './launcher';

export interface RunningOidcProvider {
  /** `http://localhost:<port>`: what Granary's OIDC_ISSUER_URL is set to. */
  issuer: string;
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  /** The Granary origin(s) the `granary-ui` client may redirect to, e.g. `http://localhost:18080`. */
  granaryOrigins: string[];
  clientId?: string;
  audience?: string;
}

/**
 * A real OIDC provider (the `oidc-provider` package, ESM, hence the dynamic import) on
 * localhost, shaped like Granary's Keycloak realm: a public client `granary-ui` with PKCE, the
 * built-in development login form (any user name and password), and access tokens that are
 * RS256 JWTs for the `granary-api` audience carrying `preferred_username`.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const { default: Provider } = await import('oidc-provider');
  const clientId = options.clientId ?? 'granary-ui';
  const audience = options.audience ?? 'granary-api';
  const port = await freePort();
  const issuer = `http://localhost:${port}`;
  // Resource indicators are absolute URIs; the API checks the token's audience, not this.
  const resource = `urn:granary:${audience}`;
  const claimsOf = (accountId: string) => ({ sub: accountId, preferred_username: accountId, email: `${accountId}@example.com` });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: options.granaryOrigins.map((origin) => `${origin}/auth/oidc/callback`),
        post_logout_redirect_uris: options.granaryOrigins.map((origin) => `${origin}/login`),
      },
    ],
    pkce: { required: () => true },
    cookies: { keys: ['granary-e2e-provider-cookie-key'] },
    claims: { openid: ['sub'], profile: ['preferred_username'], email: ['email'] },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => claimsOf(accountId) }),
    extraTokenClaims: (_ctx, token) => ('accountId' in token && token.accountId ? claimsOf(token.accountId) : undefined),
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'openid profile email',
          audience,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  // A failure inside the provider shows in the suite's output, not only as a 500 page.
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('oidc-provider:', error));

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only. Clients resolve `localhost` to ::1 and/or 127.0.0.1 and try both.
    server.listen(port, 'localhost', () => resolve());
  });
  const address = server.address() as AddressInfo;
  if (address.port !== port) {
    throw new Error(`the OIDC provider listens on ${address.port}, not ${port}`);
  }
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
