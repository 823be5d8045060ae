'use client';

import { Breadcrumb, BreadcrumbItem, Content, Flex, FlexItem, PageBreadcrumb, PageSection, Title } from '@patternfly/react-core';
import Link from 'next/link';
import type { ReactNode } from 'react';

/** One step of the trail above a page's title; the last one (the page itself) has no link. */
export interface Crumb {
  label: string;
  href?: string;
}

interface PageHeaderProps {
  title: string;
  /** What the page is for, in one line. */
  description?: ReactNode;
  /** Where the page sits: e.g. Tests › my-test › Run 12. */
  breadcrumbs?: readonly Crumb[];
  /** Buttons for the page as a whole (Recalculate, Delete…), at the title's end. */
  actions?: ReactNode;
}

/** The page's one `h1`, with an optional trail above it, a line saying what the page is for, and actions. */
export function PageHeader({ title, description, breadcrumbs, actions }: PageHeaderProps) {
  return (
    <>
      {breadcrumbs && breadcrumbs.length > 0 && (
        <PageBreadcrumb>
          <Breadcrumb>
            {breadcrumbs.map((crumb, index) => {
              const isCurrent = index === breadcrumbs.length - 1 && !crumb.href;
              return (
                <BreadcrumbItem
                  key={`${index}-${crumb.label}`}
                  isActive={isCurrent}
                  render={
                    crumb.href
                      ? ({ className, ariaCurrent }) => (
                          <Link href={crumb.href!} className={className} aria-current={ariaCurrent}>
                            {crumb.label}
                          </Link>
                        )
                      : undefined
                  }
                >
                  {crumb.href ? undefined : crumb.label}
                </BreadcrumbItem>
              );
            })}
          </Breadcrumb>
        </PageBreadcrumb>
      )}
      <PageSection>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsFlexStart' }}>
          <FlexItem>
            <Title headingLevel="h1">{title}</Title>
            {description && <Content component="p">{description}</Content>}
          </FlexItem>
          {actions && <FlexItem>{actions}</FlexItem>}
        </Flex>
      </PageSection>
    </>
  );
}
