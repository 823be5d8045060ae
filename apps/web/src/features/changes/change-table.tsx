'use client';

import type { Problem } from '@granary/api-client';
import { Button, Flex, FlexItem } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import ChartLineIcon from '@patternfly/react-icons/dist/esm/icons/chart-line-icon';
import BanIcon from '@patternfly/react-icons/dist/esm/icons/ban-icon';
import TrashIcon from '@patternfly/react-icons/dist/esm/icons/trash-icon';
import UndoIcon from '@patternfly/react-icons/dist/esm/icons/undo-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyView } from '../../components/empty-view';
import { ProblemAlert } from '../../components/problem-alert';
import { formatEpoch } from '../../lib/format';
import { changeStatus, describeChange, describeDecision, modelTitle } from './change-format';
import { ChangeStatusLabel } from './change-status-label';
import type { Change } from './change-types';
import { deleteChange, reviewChange } from './changes.actions';

interface ChangeTableProps {
  testId: number;
  /** The changes of the series on show, newest first. */
  changes: readonly Change[];
  canEdit: boolean;
}

/** The changes of the chosen series, with who decided about each, and confirm / ignore / delete for testers. */
export function ChangeTable({ testId, changes, canEdit }: ChangeTableProps) {
  const [problem, setProblem] = useState<Problem>();
  const [pendingId, setPendingId] = useState<number>();
  const [isPending, startTransition] = useTransition();
  const [toDelete, setToDelete] = useState<Change>();

  const review = (change: Change, decision: { confirmed: boolean; ignored: boolean }) => {
    setPendingId(change.id);
    startTransition(async () => {
      const result = await reviewChange(testId, { id: change.id, ...decision });
      setProblem(result.isOk ? undefined : result.problem);
    });
  };

  if (changes.length === 0) {
    return (
      <EmptyView title="No changes in this series" icon={ChartLineIcon}>
        Change detection found no change in these datapoints. Testers can mark one by hand from a chart.
      </EmptyView>
    );
  }

  const what = (change: Change) => `change of ${change.variable?.name ?? 'variable'} on ${formatEpoch(change.timestamp)}`;

  return (
    <>
      {problem && <ProblemAlert problem={problem} />}
      <Table aria-label="Changes" variant="compact" role="table">
        <Thead>
          <Tr>
            <Th modifier="nowrap">Time</Th>
            <Th>Variable</Th>
            <Th width={25}>Description</Th>
            <Th>Model</Th>
            <Th>Status</Th>
            <Th width={15}>Decided</Th>
            <Th>Dataset</Th>
            {canEdit && <Th screenReaderText="Actions" />}
          </Tr>
        </Thead>
        <Tbody>
          {changes.map((change) => {
            const status = changeStatus(change);
            const isBusy = isPending && pendingId === change.id;
            return (
              <Tr key={change.id}>
                <Td dataLabel="Time" modifier="nowrap">
                  {formatEpoch(change.timestamp)}
                </Td>
                <Td dataLabel="Variable">{change.variable?.name}</Td>
                <Td dataLabel="Description">{describeChange(change)}</Td>
                <Td dataLabel="Model">{modelTitle(change.model)}</Td>
                <Td dataLabel="Status">
                  <ChangeStatusLabel change={change} />
                </Td>
                <Td dataLabel="Decided">{describeDecision(change)}</Td>
                <Td dataLabel="Dataset">
                  {change.dataset && (
                    <Link href={`/runs/${change.dataset.runId}#dataset-${change.dataset.ordinal}`}>
                      {change.dataset.runId}/{change.dataset.ordinal + 1}
                    </Link>
                  )}
                </Td>
                {canEdit && (
                  <Td dataLabel="Actions" isActionCell>
                    <Flex spaceItems={{ default: 'spaceItemsSm' }} flexWrap={{ default: 'nowrap' }}>
                      {status !== 'confirmed' && (
                        <FlexItem>
                          <Button
                            variant="secondary"
                            size="sm"
                            icon={<CheckCircleIcon />}
                            aria-label={`Confirm ${what(change)}`}
                            onClick={() => review(change, { confirmed: true, ignored: false })}
                            isDisabled={isBusy}
                          >
                            Confirm
                          </Button>
                        </FlexItem>
                      )}
                      {status !== 'ignored' && (
                        <FlexItem>
                          <Button
                            variant="secondary"
                            size="sm"
                            icon={<BanIcon />}
                            aria-label={`Ignore ${what(change)}`}
                            onClick={() => review(change, { confirmed: false, ignored: true })}
                            isDisabled={isBusy}
                          >
                            Ignore
                          </Button>
                        </FlexItem>
                      )}
                      {status !== 'new' && (
                        <FlexItem>
                          <Button
                            variant="link"
                            size="sm"
                            icon={<UndoIcon />}
                            aria-label={`Reopen ${what(change)}`}
                            onClick={() => review(change, { confirmed: false, ignored: false })}
                            isDisabled={isBusy}
                          >
                            Reopen
                          </Button>
                        </FlexItem>
                      )}
                      <FlexItem>
                        <Button variant="plain" size="sm" icon={<TrashIcon />} aria-label={`Delete ${what(change)}`} onClick={() => setToDelete(change)} isDisabled={isBusy} />
                      </FlexItem>
                    </Flex>
                  </Td>
                )}
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {toDelete && (
        <ConfirmModal title="Delete this change?" confirmLabel="Delete" isDanger onConfirm={() => deleteChange(testId, toDelete.id)} onClose={() => setToDelete(undefined)}>
          The {what(toDelete)} ({describeChange(toDelete)}) will be deleted. A model may find it again when detection runs over this history; to keep it from
          coming back, ignore it instead.
        </ConfirmModal>
      )}
    </>
  );
}
