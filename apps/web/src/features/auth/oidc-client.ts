import 'server-only';
import * as oidc from 'openid-client';
import { isLoopbackHttp, type OidcSettings } from '../../lib/web-config';

// One discovery per provider for the life of the web server; a failed one is retried next time.
let discovered: { key: string; configuration: Promise<oidc.Configuration> } | undefined;

/**
 * The provider's configuration from OIDC discovery (`/.well-known/openid-configuration`),
 * cached. Plain-HTTP issuers are allowed on this machine only (a development provider).
 */
export function oidcConfiguration(settings: OidcSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer} ${settings.clientId} ${settings.clientSecret ?? ''}`;
  if (discovered?.key !== key) {
    const configuration = oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        // A public client proves itself with PKCE alone.
        settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
        isLoopbackHttp(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    discovered = { key, configuration };
  }
  return discovered.configuration;
}

/** The secrets of a new authorization-code flow with PKCE (S256). */
export async function startOidcFlow(): Promise<{ codeVerifier: string; codeChallenge: string; state: string; nonce: string }> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return {
    codeVerifier,
    codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
  };
}
