'use client';

import type { Problem } from '@granary/api-client';
import { Button, Content, Label, Switch, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from '@patternfly/react-core';
import CubesIcon from '@patternfly/react-icons/dist/esm/icons/cubes-icon';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyView } from '../../components/empty-view';
import { ListPagination } from '../../components/list-pagination';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDuration, formatEpoch } from '../../lib/format';
import type { RunsPage } from './find-test-detail';
import type { RunSortField, RunsQuery } from './test-detail-query';
import { setRunsTrashed } from './tests.actions';

interface RunTableProps {
  testId: number;
  query: RunsQuery;
  data: RunsPage;
  canEdit: boolean;
  /** Changes the URL's view state (page, sort, trashed…). */
  navigate: (changes: Record<string, string | number | undefined>) => void;
}

const COLUMNS: { title: string; sortField?: RunSortField }[] = [
  { title: 'Run', sortField: 'id' },
  { title: 'Start', sortField: 'start' },
  { title: 'Stop', sortField: 'stop' },
  { title: 'Duration' },
  { title: 'Description', sortField: 'description' },
  { title: 'Datasets' },
];

/** The Runs tab: a page of the test's runs, with trashed ones on request, and trash/restore of the selected runs. */
export function RunTable({ testId, query, data, canEdit, navigate }: RunTableProps) {
  const [selected, setSelected] = useState<number[]>([]);
  const [isConfirmingTrash, setIsConfirmingTrash] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [isRestoring, startRestoring] = useTransition();
  const onPage = data.runs.map((r) => r.id);
  const selectedHere = selected.filter((id) => onPage.includes(id));
  const selectedRuns = data.runs.filter((r) => selectedHere.includes(r.id));
  const toTrash = selectedRuns.filter((r) => !r.trashed).map((r) => r.id);
  const toRestore = selectedRuns.filter((r) => r.trashed).map((r) => r.id);

  const sortOf = (field: RunSortField | undefined, columnIndex: number): ThProps['sort'] =>
    field && {
      columnIndex,
      sortBy: { index: COLUMNS.findIndex((c) => c.sortField === query.sort) + 1, direction: query.direction === 'Descending' ? 'desc' : 'asc' },
      onSort: (_event, _index, direction) => navigate({ sort: field, direction: direction === 'desc' ? 'Descending' : 'Ascending', page: 1 }),
    };

  const restore = () =>
    startRestoring(async () => {
      const result = await setRunsTrashed(testId, toRestore, false);
      setProblem(result.isOk ? undefined : result.problem);
      if (result.isOk) {
        setSelected([]);
      }
    });

  return (
    <>
      <Toolbar>
        <ToolbarContent alignItems="center">
          <ToolbarItem>
            <Content component="p">{data.total === 1 ? '1 run' : `${data.total} runs`}</Content>
          </ToolbarItem>
          <ToolbarItem>
            <Switch
              id="show-trashed-runs"
              label="Show trashed runs"
              isChecked={query.showTrashed}
              onChange={(_event, checked) => navigate({ trashed: checked ? 'true' : undefined, page: 1 })}
            />
          </ToolbarItem>
          {canEdit && (
            <ToolbarGroup>
              <ToolbarItem>
                <Button variant="secondary" isDanger isDisabled={toTrash.length === 0} onClick={() => setIsConfirmingTrash(true)}>
                  Trash selected{toTrash.length > 0 ? ` (${toTrash.length})` : ''}
                </Button>
              </ToolbarItem>
              {query.showTrashed && (
                <ToolbarItem>
                  <Button variant="secondary" isDisabled={toRestore.length === 0 || isRestoring} isLoading={isRestoring} onClick={restore}>
                    Restore selected{toRestore.length > 0 ? ` (${toRestore.length})` : ''}
                  </Button>
                </ToolbarItem>
              )}
            </ToolbarGroup>
          )}
          <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
            <ListPagination itemCount={data.total} page={query.page} limit={query.limit} label="Runs pages" variant="top" onChange={navigate} isCompact />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {problem && <ProblemAlert problem={problem} />}
      {data.runs.length === 0 ? (
        <EmptyView title={data.total === 0 ? 'No runs yet' : 'No runs on this page'} icon={CubesIcon}>
          {data.total === 0 ? (
            <>
              Upload a run with <code>POST /api/run/data?test=&lt;name&gt;&amp;start=…&amp;stop=…</code> and an API key; it shows up here.
              {!query.showTrashed && ' Trashed runs are hidden: switch on "Show trashed runs" to see them.'}
            </>
          ) : (
            `There are ${data.total} runs, but page ${query.page} is past the last one.`
          )}
        </EmptyView>
      ) : (
        <Table aria-label="Runs" variant="compact" role="table">
          <Thead>
            <Tr>
              {canEdit && (
                <Th
                  select={{
                    onSelect: (_event, isSelecting) => setSelected(isSelecting ? onPage : []),
                    isSelected: selectedHere.length === onPage.length && onPage.length > 0,
                  }}
                  aria-label="Select all runs on this page"
                />
              )}
              {COLUMNS.map((column, index) => (
                <Th key={column.title} sort={sortOf(column.sortField, index + 1)}>
                  {column.title}
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {data.runs.map((run, rowIndex) => (
              <Tr key={run.id}>
                {canEdit && (
                  <Td
                    select={{
                      rowIndex,
                      onSelect: (_event, isSelecting) => setSelected(isSelecting ? [...selected, run.id] : selected.filter((id) => id !== run.id)),
                      isSelected: selectedHere.includes(run.id),
                    }}
                  />
                )}
                <Td dataLabel="Run">
                  <Link href={`/runs/${run.id}`}>Run {run.id}</Link>
                  {run.trashed && (
                    <>
                      {' '}
                      <Label color="grey" isCompact>
                        Trashed
                      </Label>
                    </>
                  )}
                </Td>
                <Td dataLabel="Start">{formatEpoch(run.start)}</Td>
                <Td dataLabel="Stop">{formatEpoch(run.stop)}</Td>
                <Td dataLabel="Duration">{formatDuration(run.stop - run.start)}</Td>
                <Td dataLabel="Description" modifier="wrap">
                  {run.description}
                </Td>
                <Td dataLabel="Datasets">{run.datasets.length}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination itemCount={data.total} page={query.page} limit={query.limit} label="Runs pages" variant="bottom" onChange={navigate} />
      {isConfirmingTrash && (
        <ConfirmModal
          title={toTrash.length === 1 ? `Trash run ${toTrash[0]}?` : `Trash ${toTrash.length} runs?`}
          confirmLabel="Trash"
          isDanger
          onConfirm={async () => {
            const result = await setRunsTrashed(testId, toTrash, true);
            if (result.isOk) {
              setSelected([]);
            }
            return result;
          }}
          onClose={() => setIsConfirmingTrash(false)}
        >
          Trashed runs lose their datasets and label values and leave change detection. Their documents are kept: switch on
          &quot;Show trashed runs&quot; to restore them, which transforms them again.
        </ConfirmModal>
      )}
    </>
  );
}
