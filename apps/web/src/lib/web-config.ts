/** What the web server needs to know, read from the environment the launcher passes on. */
export interface WebConfig {
  /** The origin users see, e.g. `http://localhost:8080`, without a trailing slash. */
  publicUrl: string;
  /** Whether cookies are sent over HTTPS only: true when `publicUrl` is https. */
  isSecure: boolean;
  /** The OIDC provider the UI signs people in with, when one is configured. */
  oidc: OidcSettings | undefined;
  /** Whether Granary's own users may sign in with a password. */
  localLogin: boolean;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Only for a confidential client; a public client uses PKCE alone. */
  clientSecret: string | undefined;
}

// The launcher's default PORT; it always sets GRANARY_PUBLIC_URL itself.
const DEFAULT_PUBLIC_URL = 'http://localhost:8080';

/**
 * Reads the web server's configuration (`GRANARY_PUBLIC_URL`, `OIDC_*`, `GRANARY_LOCAL_LOGIN`),
 * with the defaults docs/configuration.md gives. The launcher has validated these already.
 *
 * @example
 * readWebConfig({ GRANARY_PUBLIC_URL: 'https://granary.example.com/' }).isSecure // true
 */
export function readWebConfig(env: Record<string, string | undefined>): WebConfig {
  const publicUrl = (env.GRANARY_PUBLIC_URL?.trim() || DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
  const issuer = env.OIDC_ISSUER_URL?.trim().replace(/\/+$/, '');
  return {
    publicUrl,
    isSecure: publicUrl.startsWith('https:'),
    oidc: issuer
      ? { issuer, clientId: env.OIDC_CLIENT_ID?.trim() || 'granary-ui', clientSecret: env.OIDC_CLIENT_SECRET || undefined }
      : undefined,
    localLogin: !['false', '0', 'no', 'off'].includes((env.GRANARY_LOCAL_LOGIN ?? '').trim().toLowerCase()),
  };
}

/**
 * Whether an OIDC issuer may be reached over plain HTTP: only on this machine (a development or
 * test provider). Anywhere else tokens would cross the network in the clear.
 *
 * @example
 * isLoopbackHttp('http://localhost:8180/realms/granary') // true
 */
export function isLoopbackHttp(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Whether a request reached this machine under another loopback name than the public URL's
 * (127.0.0.1:8080 for http://localhost:8080). Cookies are kept per host name, so a sign-in that
 * comes back to the public URL has to start there. Any other mismatch (a reverse proxy that
 * rewrites Host) is left alone: redirecting there could loop.
 *
 * @example
 * isOtherLoopbackName('127.0.0.1:8080', 'http://localhost:8080') // true
 */
export function isOtherLoopbackName(requestHost: string | null, publicUrl: string): boolean {
  if (!requestHost) {
    return false;
  }
  let request: URL;
  let canonical: URL;
  try {
    request = new URL(`http://${requestHost}`);
    canonical = new URL(publicUrl);
  } catch {
    return false;
  }
  return (
    request.host !== canonical.host &&
    request.port === canonical.port &&
    LOOPBACK_NAMES.includes(request.hostname) &&
    LOOPBACK_NAMES.includes(canonical.hostname)
  );
}
