'use client';

import {
  Button,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useLayoutEffect, type ReactNode } from 'react';
import type { Account } from '../features/user/account';
import { UserMenu } from '../features/user/user-menu';
import { loginPath } from '../lib/safe-next';
import { applySystemTheme } from '../lib/theme-script';
import styles from './app-shell.module.css';
import { findCurrentNavEntry, isBarePage, NAV_ENTRIES } from './nav-items';

const MAIN_CONTENT_ID = 'main-content';
const SIDEBAR_ID = 'page-sidebar';

interface AppShellProps {
  /** The person signed in, or undefined for an anonymous visitor. */
  account: Account | undefined;
  children: ReactNode;
}

/** The frame around every page: masthead (with the user menu), sidebar navigation and the main landmark. */
export function AppShell({ account, children }: AppShellProps) {
  const pathname = usePathname();
  const current = findCurrentNavEntry(pathname);

  // The inline theme script in the root layout does the real work; React's development-only
  // remount resets <html>'s class, so apply the system scheme again (a no-op in production).
  useLayoutEffect(applySystemTheme, []);

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label="Main navigation" aria-controls={SIDEBAR_ID} />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component={Link} href="/" className={styles.brand}>
            Granary
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: 'alignEnd' }}>
              <ToolbarItem>
                {account ? (
                  <UserMenu account={account} />
                ) : (
                  <Button variant="secondary" component={Link} href={loginPath(pathname)}>
                    Sign in
                  </Button>
                )}
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar id={SIDEBAR_ID}>
      <PageSidebarBody>
        <Nav aria-label="Main">
          <NavList>
            {NAV_ENTRIES.map((entry) => (
              <NavItem key={entry.href} isActive={entry === current}>
                <Link href={entry.href}>{entry.label}</Link>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  if (isBarePage(pathname)) {
    return children;
  }

  return (
    <Page
      masthead={masthead}
      sidebar={sidebar}
      isManagedSidebar
      skipToContent={<SkipToContent href={`#${MAIN_CONTENT_ID}`}>Skip to content</SkipToContent>}
      mainContainerId={MAIN_CONTENT_ID}
    >
      {children}
    </Page>
  );
}
