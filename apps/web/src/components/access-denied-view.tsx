'use client';

import { Button } from '@patternfly/react-core';
import LockIcon from '@patternfly/react-icons/dist/esm/icons/lock-icon';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { loginPath } from '../lib/safe-next';
import { EmptyView } from './empty-view';

interface AccessDeniedViewProps {
  /** Anonymous visitors are offered to sign in (and come back to `path`); others are told who may. */
  isSignedIn: boolean;
  path: string;
  /** Who may see this page, e.g. "Only administrators manage users and teams." */
  children: ReactNode;
}

/** What a page shows to someone who may not use it: a clear "not allowed", never an empty list. */
export function AccessDeniedView({ isSignedIn, path, children }: AccessDeniedViewProps) {
  return isSignedIn ? (
    <EmptyView title="You are not allowed here" icon={LockIcon} status="warning">
      {children}
    </EmptyView>
  ) : (
    <EmptyView
      title="Sign in to continue"
      icon={LockIcon}
      actions={
        <Button variant="primary" component={Link} href={loginPath(path)}>
          Sign in
        </Button>
      }
    >
      {children}
    </EmptyView>
  );
}
