import '@patternfly/patternfly/patternfly.css';
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '../components/app-shell';
import { THEME_SCRIPT } from '../lib/theme-script';

export const metadata: Metadata = {
  title: { default: 'Granary', template: '%s · Granary' },
  description: 'Granary: a self-hosted repository for performance results',
};

// Lets the browser draw its own canvas and controls in the system scheme before CSS arrives.
export const viewport: Viewport = { colorScheme: 'light dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script changes <html>'s class before hydration; React must accept that.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <AppShell>{children}</AppShell>
      </body>
    </html>
  );
}
