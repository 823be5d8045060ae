'use client';

import type { Problem } from '@granary/api-client';
import { PageSection } from '@patternfly/react-core';
import { PageHeader, type Crumb } from './page-header';
import { ProblemAlert } from './problem-alert';

/** A page whose data could not be read: its header, then the problem (with "Try again" for server trouble). */
export function ProblemPage({ title, breadcrumbs, problem }: { title: string; breadcrumbs?: Crumb[]; problem: Problem }) {
  return (
    <>
      <PageHeader title={title} breadcrumbs={breadcrumbs} />
      <PageSection>
        <ProblemAlert problem={problem} canRetry={problem.status >= 500} />
      </PageSection>
    </>
  );
}
