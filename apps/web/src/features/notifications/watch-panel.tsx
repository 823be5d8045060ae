'use client';

import type { Problem } from '@granary/api-client';
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Label,
  Title,
} from '@patternfly/react-core';
import BellIcon from '@patternfly/react-icons/dist/esm/icons/bell-icon';
import BellSlashIcon from '@patternfly/react-icons/dist/esm/icons/bell-slash-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { loginPath } from '../../lib/safe-next';
import type { WatchViewer } from './find-notifications';
import { changeSubscription } from './notifications.actions';
import { describeWatch, type Watch, type WatchAction, type Watcher } from './watch-state';

interface WatchPanelProps {
  testId: number;
  viewer: WatchViewer;
  /** Testers of the test's team (and administrators) see every subscription; others only their own. */
  seesEveryone: boolean;
}

/** "Watch this test": whether you get its e-mails, the buttons that change that, and who is subscribed. */
export function WatchPanel({ testId, viewer, seesEveryone }: WatchPanelProps) {
  return (
    <Card isCompact component="section" aria-labelledby="watch-title">
      <CardTitle>
        <Title headingLevel="h2" size="lg" id="watch-title">
          Watch this test
        </Title>
      </CardTitle>
      <CardBody>
        <WatchBody testId={testId} viewer={viewer} seesEveryone={seesEveryone} />
      </CardBody>
    </Card>
  );
}

function WatchBody({ testId, viewer, seesEveryone }: WatchPanelProps) {
  switch (viewer.kind) {
    case 'signed-out':
      return (
        <Content component="p">
          <Link href={loginPath(`/tests/${testId}?tab=notifications`)}>Sign in</Link> to get e-mails about this test&apos;s changes, missing data and missed runs.
        </Content>
      );
    case 'cannot-subscribe':
      return <Content component="p">Subscriptions need a viewer or tester role in a team; upload-only members cannot subscribe.</Content>;
    case 'watcher':
      return viewer.watch.isOk ? (
        <Subscriptions testId={testId} watch={viewer.watch.data} watcher={viewer.watcher} seesEveryone={seesEveryone} />
      ) : (
        <ProblemAlert problem={viewer.watch.problem} canRetry={viewer.watch.problem.status >= 500} />
      );
  }
}

function Subscriptions({ testId, watch, watcher, seesEveryone }: { testId: number; watch: Watch; watcher: Watcher; seesEveryone: boolean }) {
  const state = describeWatch(watch, watcher);
  const [pending, setPending] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [, startChanging] = useTransition();

  const run = (action: WatchAction) => {
    setPending(action.entry);
    startChanging(async () => {
      const result = await changeSubscription(testId, { op: action.op, entry: action.entry });
      setProblem(result.isOk ? undefined : result.problem);
      setPending(undefined);
    });
  };
  const button = (action: WatchAction, size?: 'sm') => (
    <Button variant={action.variant} size={size} onClick={() => run(action)} isLoading={pending === action.entry} isDisabled={pending !== undefined}>
      {action.label}
    </Button>
  );

  return (
    <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsMd' }}>
      <FlexItem>
        <Content component="p" aria-live="polite">
          <Label color={state.isNotified ? 'green' : 'grey'} icon={state.isNotified ? <BellIcon /> : <BellSlashIcon />} isCompact>
            {state.isNotified ? 'Notified' : 'Not notified'}
          </Label>{' '}
          {state.summary}
        </Content>
      </FlexItem>
      <FlexItem>
        <Flex spaceItems={{ default: 'spaceItemsSm' }}>
          <FlexItem>{button(state.self)}</FlexItem>
          {state.optOut && <FlexItem>{button(state.optOut)}</FlexItem>}
        </Flex>
      </FlexItem>
      {problem && (
        <FlexItem>
          <ProblemAlert problem={problem} />
        </FlexItem>
      )}
      {state.teams.length > 0 && (
        <FlexItem>
          <Table aria-label="Your teams' subscriptions" variant="compact" role="table">
            <Thead>
              <Tr>
                <Th>Your team</Th>
                <Th>Subscription</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {state.teams.map(({ team, isSubscribed, action }) => (
                <Tr key={team}>
                  <Td dataLabel="Your team">{team}</Td>
                  <Td dataLabel="Subscription">
                    {isSubscribed ? (
                      <Label color="blue" isCompact>
                        Subscribed
                      </Label>
                    ) : (
                      'Not subscribed'
                    )}
                  </Td>
                  <Td dataLabel="Actions" isActionCell>
                    {button(action, 'sm')}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          <Content component="small">A subscribed team&apos;s members who can view its data get the e-mails, unless the team has a mailing list of its own.</Content>
        </FlexItem>
      )}
      <FlexItem>
        <Title headingLevel="h3" size="md">
          Subscribed
        </Title>
        <DescriptionList isHorizontal isCompact>
          <DescriptionListGroup>
            <DescriptionListTerm>Users</DescriptionListTerm>
            <DescriptionListDescription>{watch.users.join(', ') || 'None'}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Teams</DescriptionListTerm>
            <DescriptionListDescription>{watch.teams.join(', ') || 'None'}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Opted out</DescriptionListTerm>
            <DescriptionListDescription>{watch.optout.join(', ') || 'None'}</DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
        {!seesEveryone && <Content component="small">You see your own entries only; testers of the test&apos;s team see everyone&apos;s.</Content>}
      </FlexItem>
    </Flex>
  );
}
