import type { Problem } from '@granary/api-client';

/** What the sign-in page says went wrong: a title and, where a person can act on it, a detail. */
export interface LoginMessage {
  title: string;
  detail?: string;
}

/**
 * A wait in words, rounded up to what a person can act on.
 *
 * @example
 * formatWait(90) // '2 minutes'
 */
export function formatWait(seconds: number): string {
  if (seconds <= 1) {
    return '1 second';
  }
  if (seconds < 60) {
    return `${Math.ceil(seconds)} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Retry-After in seconds (RFC 9110 allows a delay or an HTTP date; the API sends a delay). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  if (/^\s*\d+\s*$/.test(value)) {
    return Number(value);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The message for a refused `POST /api/auth/login`.
 *
 * @example
 * loginFailureMessage({ type: 'urn:granary:problem:too-many-requests', title: 'Too many requests', status: 429 }, '30')
 * // { title: 'Too many failed sign-in attempts', detail: 'Wait 30 seconds, then try again.' }
 */
export function loginFailureMessage(problem: Problem, retryAfter?: string | null): LoginMessage {
  switch (problem.status) {
    case 400:
      return { title: 'Enter a user name and a password' };
    case 401:
      return { title: 'Wrong user name or password', detail: 'Check both and try again.' };
    case 403:
      return { title: 'Password sign-in is turned off', detail: problem.detail ?? 'Use single sign-on instead.' };
    case 429: {
      const seconds = parseRetryAfter(retryAfter);
      return {
        title: 'Too many failed sign-in attempts',
        detail: seconds === undefined ? 'Wait a moment, then try again.' : `Wait ${formatWait(seconds)}, then try again.`,
      };
    }
    default:
      return { title: problem.title, detail: problem.detail };
  }
}

/** Why single sign-on came back to the sign-in page; the codes travel in `?error=`. */
export const SSO_ERRORS = {
  'sso-unavailable': {
    title: 'Single sign-on is not available',
    detail: 'Granary could not reach the identity provider. Try again in a moment, or ask an administrator.',
  },
  'sso-expired': { title: 'The sign-in took too long', detail: 'Start again with "Sign in with single sign-on".' },
  'sso-cancelled': { title: 'Single sign-on was cancelled', detail: 'The identity provider did not sign you in.' },
  'sso-failed': {
    title: 'Single sign-on failed',
    detail: "The identity provider's answer could not be checked. Try again; if it keeps failing, ask an administrator.",
  },
  'sso-refused': {
    title: 'Granary did not accept this sign-in',
    detail: 'The identity provider signed you in, but Granary refused the session. Ask an administrator; the server log says why.',
  },
  'sso-conflict': {
    title: 'This user name belongs to another account',
    detail: 'Your user name at the identity provider is taken by a Granary account of its own. Ask an administrator to link them.',
  },
} as const satisfies Record<string, LoginMessage>;

export type SsoError = keyof typeof SSO_ERRORS;

/**
 * The message for `?error=` on the sign-in page. Only known codes show anything: the text is
 * ours, so a crafted link cannot put words on Granary's sign-in page.
 */
export function ssoErrorMessage(code: string | undefined): LoginMessage | undefined {
  return code !== undefined && Object.hasOwn(SSO_ERRORS, code) ? SSO_ERRORS[code as SsoError] : undefined;
}
