'use client';

import { Button, PageSection } from '@patternfly/react-core';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import { useEffect } from 'react';
import { EmptyView } from './empty-view';

/**
 * What a page shows when rendering it failed unexpectedly (API problems have their own alert).
 * In production a server error reaches the browser as a generic message plus a `digest`, which
 * matches the server log line, so that is what we show.
 */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : undefined;

  return (
    <PageSection>
      <title>Something went wrong · Granary</title>
      <EmptyView
        title="Something went wrong"
        headingLevel="h1"
        icon={ExclamationCircleIcon}
        status="danger"
        actions={
          <Button variant="primary" onClick={retry}>
            Try again
          </Button>
        }
      >
        This page could not be shown.
        {digest && (
          <>
            {' '}
            Error reference for the server logs: <code>{digest}</code>
          </>
        )}
      </EmptyView>
    </PageSection>
  );
}
