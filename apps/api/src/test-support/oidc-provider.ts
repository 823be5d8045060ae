import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Subjects the provider can issue tokens for (`claims.preferred_username` picks one). */
export const SUBJECTS = ['carol', 'dave', 'erin', 'admin', 'ci-robot'];

export interface TestOidcProvider {
  issuer: string;
  /** An access token (JWT, audience granary-api) whose `sub` is `claims.preferred_username`, with those extra claims. */
  token(claims?: Record<string, unknown>, audience?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OIDC provider (the `oidc-provider` package) on localhost. Tokens come from its token
 * endpoint (client-credentials grant with a resource indicator, so they are signed JWTs with
 * the provider's own keys), never from a key of the test's.
 */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  const { default: Provider } = await import('oidc-provider');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Claims for the next token, keyed by a one-off scope-less marker in the request.
  let nextClaims: Record<string, unknown> = {};
  const provider = new Provider(issuer, {
    // One machine client per subject: a client-credentials token's `sub` is its client id.
    clients: SUBJECTS.map((id) => ({
      client_id: id,
      client_secret: `${id}-secret`,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Resource indicators are absolute URIs; the audience is the part after `urn:audience:`.
        defaultResource: () => 'urn:audience:granary-api',
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'api',
          audience: resource.replace(/^urn:audience:/, ''),
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: () => nextClaims,
  });
  server.on('request', provider.callback());
  return {
    issuer,
    async token(claims = {}, audience = 'granary-api') {
      nextClaims = claims;
      const subject = typeof claims.preferred_username === 'string' ? claims.preferred_username : 'ci-robot';
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${subject}:${subject}-secret`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: `urn:audience:${audience}`, scope: 'api' }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!body.access_token) {
        throw new Error(`the provider refused a token: ${body.error}: ${body.error_description}`);
      }
      return body.access_token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
