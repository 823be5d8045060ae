'use client';

import { Stack, StackItem } from '@patternfly/react-core';
import type { NotificationsTabData } from './find-notifications';
import { MissingDataRules } from './missing-data-rules';
import { WatchPanel } from './watch-panel';

/**
 * A test's Notifications tab: who gets e-mails about its events (and the caller's own
 * subscription), and the missing data rules that raise one kind of event.
 */
export function NotificationsTab({ testId, canEdit, data }: { testId: number; canEdit: boolean; data: NotificationsTabData }) {
  return (
    <Stack hasGutter>
      <StackItem>
        <WatchPanel testId={testId} viewer={data.viewer} seesEveryone={canEdit} />
      </StackItem>
      <StackItem>
        <MissingDataRules testId={testId} canEdit={canEdit} rules={data.rules} labelNames={data.labelNames} />
      </StackItem>
    </Stack>
  );
}
