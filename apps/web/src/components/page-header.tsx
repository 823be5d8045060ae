'use client';

import { Content, PageSection, Title } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/** The page's one `h1`, with an optional line saying what the page is for. */
export function PageHeader({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <PageSection>
      <Title headingLevel="h1">{title}</Title>
      {description && <Content component="p">{description}</Content>}
    </PageSection>
  );
}
