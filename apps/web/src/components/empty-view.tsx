'use client';

import { EmptyState, EmptyStateActions, EmptyStateBody, EmptyStateFooter } from '@patternfly/react-core';
import type { ComponentType, ReactNode } from 'react';

interface EmptyViewProps {
  title: string;
  icon?: ComponentType;
  /** `h2` below a page header; `h1` when the empty view is the whole page. */
  headingLevel?: 'h1' | 'h2';
  status?: 'danger' | 'warning' | 'info';
  actions?: ReactNode;
  children?: ReactNode;
}

/** A PatternFly empty state with our defaults: nothing to show yet, here is why and what to do. */
export function EmptyView({ title, icon, headingLevel = 'h2', status, actions, children }: EmptyViewProps) {
  return (
    <EmptyState titleText={title} headingLevel={headingLevel} icon={icon} status={status}>
      {children && <EmptyStateBody>{children}</EmptyStateBody>}
      {actions && (
        <EmptyStateFooter>
          <EmptyStateActions>{actions}</EmptyStateActions>
        </EmptyStateFooter>
      )}
    </EmptyState>
  );
}
