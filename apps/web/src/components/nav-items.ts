/** One entry of the sidebar. `prefixes` are the paths that belong to it, Horreum's URLs included. */
export interface NavEntry {
  label: string;
  href: string;
  prefixes: readonly string[];
}

/** The sidebar, in order. Tests is the home page, as in Horreum. */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { label: 'Tests', href: '/', prefixes: ['/tests', '/test'] },
  { label: 'Runs', href: '/runs', prefixes: ['/runs', '/run', '/dataset'] },
  { label: 'Schemas', href: '/schemas', prefixes: ['/schemas', '/schema'] },
  { label: 'Changes', href: '/changes', prefixes: ['/changes'] },
  { label: 'Reports', href: '/reports', prefixes: ['/reports'] },
  { label: 'Admin', href: '/admin', prefixes: ['/admin'] },
];

/**
 * The sidebar entry a path belongs to, matched by whole segments (`/runs/x` is Runs, `/runsx` is nothing).
 *
 * @example
 * findCurrentNavEntry('/run/42')?.label // 'Runs'
 */
export function findCurrentNavEntry(pathname: string): NavEntry | undefined {
  return NAV_ENTRIES.find(
    (entry) =>
      pathname === entry.href ||
      entry.prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`)),
  );
}

// Pages drawn without the masthead and sidebar: the sign-in page has a layout of its own.
const BARE_PATHS = ['/login'];

/**
 * Whether a page is drawn on its own, without Granary's masthead and navigation.
 *
 * @example
 * isBarePage('/login') // true
 */
export function isBarePage(pathname: string): boolean {
  return BARE_PATHS.includes(pathname);
}
