'use client';

import {
  Masthead,
  MastheadBrand,
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
} from '@patternfly/react-core';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useLayoutEffect, type ReactNode } from 'react';
import { applySystemTheme } from '../lib/theme-script';
import styles from './app-shell.module.css';
import { findCurrentNavEntry, NAV_ENTRIES } from './nav-items';

const MAIN_CONTENT_ID = 'main-content';
const SIDEBAR_ID = 'page-sidebar';

/** The frame around every page: masthead, sidebar navigation and the main landmark. */
export function AppShell({ children }: { children: ReactNode }) {
  const current = findCurrentNavEntry(usePathname());

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
