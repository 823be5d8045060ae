'use client';

import type { Problem } from '@granary/api-client';
import { Button, PageSection } from '@patternfly/react-core';
import SearchIcon from '@patternfly/react-icons/dist/esm/icons/search-icon';
import Link from 'next/link';
import { EmptyView } from './empty-view';
import { PageHeader, type Crumb } from './page-header';
import { ProblemAlert } from './problem-alert';

interface ResourceProblemViewProps {
  /** What the page shows, e.g. "Test", "Run", "Schema". */
  kind: string;
  problem: Problem;
  /** The list to go back to, e.g. Tests at `/`. */
  parent: { label: string; href: string };
}

/**
 * A page that cannot show its test, run or schema: "not found" for a 404 (which is also what the
 * API answers for something you may not see), the problem otherwise.
 */
export function ResourceProblemView({ kind, problem, parent }: ResourceProblemViewProps) {
  if (problem.status === 404) {
    return (
      <PageSection>
        <EmptyView
          title={`${kind} not found`}
          headingLevel="h1"
          icon={SearchIcon}
          actions={
            <Button variant="primary" component={Link} href={parent.href}>
              Go to {parent.label}
            </Button>
          }
        >
          There is no such {kind.toLowerCase()}, or you may not see it. Signing in may show it.
        </EmptyView>
      </PageSection>
    );
  }
  const breadcrumbs: Crumb[] = [parent, { label: kind }];
  return (
    <>
      <PageHeader title={kind} breadcrumbs={breadcrumbs} />
      <PageSection>
        <ProblemAlert problem={problem} canRetry={problem.status >= 500} />
      </PageSection>
    </>
  );
}
