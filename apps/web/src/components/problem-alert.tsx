'use client';

import type { Problem } from '@granary/api-client';
import { Alert, AlertActionLink, Content } from '@patternfly/react-core';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';

interface ProblemAlertProps {
  problem: Problem;
  /** Offer "Try again" (re-renders the page on the server) when the failure may be temporary. */
  canRetry?: boolean;
}

/** An API problem as a danger alert: its `title`, and its `detail` where a person can act on it. */
export function ProblemAlert({ problem, canRetry = false }: ProblemAlertProps) {
  const router = useRouter();
  const [isRetrying, startRetry] = useTransition();
  const retry = canRetry ? (
    <AlertActionLink onClick={() => startRetry(() => router.refresh())} isDisabled={isRetrying}>
      {isRetrying ? 'Trying again…' : 'Try again'}
    </AlertActionLink>
  ) : undefined;

  return (
    <Alert variant="danger" isInline title={problem.title} component="h2" actionLinks={retry}>
      {problem.detail && <Content component="p">{problem.detail}</Content>}
      {problem.requestId && (
        <Content component="p">
          Request ID for the server logs: <code>{problem.requestId}</code>
        </Content>
      )}
    </Alert>
  );
}
