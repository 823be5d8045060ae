'use client';

import { Button, PageSection } from '@patternfly/react-core';
import WrenchIcon from '@patternfly/react-icons/dist/esm/icons/wrench-icon';
import Link from 'next/link';
import { EmptyView } from './empty-view';
import { PageHeader } from './page-header';

interface ComingSoonProps {
  title: string;
  /** What the page is for, in Horreum's words. */
  description: string;
  /** What the page will let people do once it is built. */
  plan: string;
}

/** A placeholder page for a part of Granary that is not built yet, so navigation works meanwhile. */
export function ComingSoon({ title, description, plan }: ComingSoonProps) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <PageSection>
        <EmptyView
          title="Coming soon"
          icon={WrenchIcon}
          actions={
            <Button variant="link" component={Link} href="/">
              Go to Tests
            </Button>
          }
        >
          {plan}
        </EmptyView>
      </PageSection>
    </>
  );
}
