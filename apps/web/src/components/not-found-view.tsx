'use client';

import { Button, PageSection } from '@patternfly/react-core';
import SearchIcon from '@patternfly/react-icons/dist/esm/icons/search-icon';
import Link from 'next/link';
import { EmptyView } from './empty-view';

/** What an unknown URL shows: the empty state is the page, so its title is the `h1`. */
export function NotFoundView() {
  return (
    <PageSection>
      <EmptyView
        title="Page not found"
        headingLevel="h1"
        icon={SearchIcon}
        actions={
          <Button variant="primary" component={Link} href="/">
            Go to Tests
          </Button>
        }
      >
        There is nothing at this address. It may have been mistyped, or what it showed was removed.
      </EmptyView>
    </PageSection>
  );
}
