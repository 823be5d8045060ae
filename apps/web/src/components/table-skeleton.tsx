'use client';

import { PageSection, Skeleton, Stack, StackItem } from '@patternfly/react-core';

/** Placeholder for a page with a header and a table while its data loads. */
export function TableSkeleton({ rows = 5, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <>
      <PageSection>
        <Skeleton fontSize="3xl" width="12rem" screenreaderText={label} />
      </PageSection>
      <PageSection aria-busy="true">
        <Stack hasGutter>
          {Array.from({ length: rows + 1 }, (_, row) => (
            <StackItem key={row}>
              <Skeleton height="2rem" />
            </StackItem>
          ))}
        </Stack>
      </PageSection>
    </>
  );
}
