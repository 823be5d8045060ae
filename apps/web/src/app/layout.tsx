import '@patternfly/patternfly/patternfly.css';
// Utility classes (spacing, monospace text) that the components' own CSS does not include.
import '@patternfly/patternfly/patternfly-addons.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '../components/app-shell';
import { toAccount } from '../features/user/account';
import { getCurrentUser } from '../lib/session';
import { THEME_SCRIPT } from '../lib/theme-script';

export const metadata: Metadata = {
  title: { default: 'Granary', template: '%s · Granary' },
  description: 'Granary: a self-hosted repository for performance results',
};

// Lets the browser draw its own canvas and controls in the system scheme before CSS arrives.
export const viewport: Viewport = { colorScheme: 'light dark' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Anonymous when there is no session, when it ended, or when the API cannot say.
  const me = await getCurrentUser();
  const account = me?.isOk ? toAccount(me.data) : undefined;
  return (
    // The theme script changes <html>'s class before hydration; React must accept that.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <AppShell account={account}>{children}</AppShell>
      </body>
    </html>
  );
}
