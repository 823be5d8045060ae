// Parsing against a placeholder origin tells a path on this site from anything that leaves it.
const PLACEHOLDER_ORIGIN = 'http://granary.invalid';
const MAX_NEXT_LENGTH = 2048;
// Sign-in pages themselves: going "back" to them after signing in would loop.
const SIGN_IN_PATHS = ['/login', '/auth'];

/**
 * Where to go after signing in, from a `next` parameter a stranger may have written: a path on
 * this origin (with its query and fragment), or `fallback`. Absolute URLs, scheme-relative
 * `//host` and `/\host` forms, control characters and the sign-in pages themselves are refused.
 *
 * @example
 * safeNextPath('/user/api-keys?page=2') // '/user/api-keys?page=2'
 * safeNextPath('https://evil.example/') // '/'
 */
export function safeNextPath(raw: string | string[] | null | undefined, fallback = '/'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > MAX_NEXT_LENGTH || !value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) {
    return fallback;
  }
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) {
    return fallback;
  }
  if (SIGN_IN_PATHS.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * The sign-in page's address that comes back to `path` afterwards.
 *
 * @example
 * loginPath('/user/api-keys') // '/login?next=%2Fuser%2Fapi-keys'
 */
export function loginPath(path: string): string {
  const next = safeNextPath(path);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Where a page sends the browser when the API answers 401 although a session cookie was sent:
 * a route handler that forgets the cookie and then shows the sign-in page.
 *
 * @example
 * sessionEndedPath('/admin') // '/auth/session-ended?next=%2Fadmin'
 */
export function sessionEndedPath(path: string): string {
  return `/auth/session-ended?next=${encodeURIComponent(safeNextPath(path))}`;
}
