'use client';

import { Button, FormSelect, FormSelectOption, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from '@patternfly/react-core';
import DownloadIcon from '@patternfly/react-icons/dist/esm/icons/download-icon';
import TagIcon from '@patternfly/react-icons/dist/esm/icons/tag-icon';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import Link from 'next/link';
import { EmptyView } from '../../components/empty-view';
import { ListPagination } from '../../components/list-pagination';
import { formatEpoch, formatJsonValue } from '../../lib/format';
import { withSearchParams } from '../../lib/search-params';
import type { LabelValuesPage } from './find-test-detail';
import { describeFingerprint, labelColumns, type LabelValuesQuery } from './test-detail-query';

interface LabelValuesTableProps {
  testId: number;
  query: LabelValuesQuery;
  data: LabelValuesPage;
  /** The test's fingerprints, as the JSON objects the filter compares with. */
  fingerprints: Record<string, unknown>[];
  navigate: (changes: Record<string, string | number | undefined>) => void;
}

// Long values are cut in the table; the whole value is in the cell's title and the exports.
const MAX_CELL_CHARS = 120;

/** The Label values tab: one row per dataset, one column per label, sortable, filtered by fingerprint, exported as CSV or JSON. */
export function LabelValuesTable({ testId, query, data, fingerprints, navigate }: LabelValuesTableProps) {
  const labels = labelColumns(data.rows);
  const columns = ['Run', 'Start', ...labels];
  const sortKeyOf = (column: string): string | undefined => (column === 'Start' ? 'start' : column === 'Run' ? undefined : column);

  const sortOf = (column: string, columnIndex: number): ThProps['sort'] => {
    const key = sortKeyOf(column);
    return key === undefined
      ? undefined
      : {
        columnIndex,
        sortBy: { index: query.sort ? columns.findIndex((c) => sortKeyOf(c) === query.sort) : -1, direction: query.direction === 'Descending' ? 'desc' : 'asc' },
          onSort: (_event, _index, direction) => navigate({ sort: key, direction: direction === 'desc' ? 'Descending' : 'Ascending', page: 1 }),
        };
  };

  const exportHref = (format: 'csv' | 'json') =>
    withSearchParams(`/tests/${testId}/export`, {}, { format, fingerprint: query.fingerprint || undefined, sort: query.sort || undefined, direction: query.sort ? query.direction : undefined });
  const shownUpTo = (query.page - 1) * query.limit + data.rows.length;

  return (
    <>
      <Toolbar>
        <ToolbarContent alignItems="center">
          <ToolbarItem>
            <FormSelect
              id="label-values-fingerprint"
              aria-label="Fingerprint"
              value={query.fingerprint}
              onChange={(_event, value) => navigate({ fingerprint: value || undefined, page: 1 })}
            >
              <FormSelectOption value="" label="All fingerprints" />
              {fingerprints.map((fingerprint) => {
                const value = JSON.stringify(fingerprint);
                return <FormSelectOption key={value} value={value} label={describeFingerprint(fingerprint)} />;
              })}
            </FormSelect>
          </ToolbarItem>
          <ToolbarGroup>
            <ToolbarItem>
              <Button variant="secondary" component="a" href={exportHref('csv')} download icon={<DownloadIcon />}>
                Export CSV
              </Button>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" component="a" href={exportHref('json')} download icon={<DownloadIcon />}>
                Export JSON
              </Button>
            </ToolbarItem>
          </ToolbarGroup>
          <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
            <ListPagination
              itemCount={data.hasMore ? undefined : shownUpTo}
              page={query.page}
              limit={query.limit}
              label="Label values pages"
              variant="top"
              onChange={navigate}
              isCompact
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {data.rows.length === 0 ? (
        <EmptyView title={query.page > 1 ? 'No label values on this page' : 'No label values yet'} icon={TagIcon}>
          {query.page > 1
            ? 'This page is past the last one.'
            : query.fingerprint
              ? 'No dataset has this fingerprint.'
              : 'Label values appear once the test has datasets whose schemas define labels. Define labels in the schema editor.'}
        </EmptyView>
      ) : (
        <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Label values, scrollable">
          <Table aria-label="Label values" variant="compact" role="table">
            <Thead>
              <Tr>
                {columns.map((column, index) => (
                  <Th key={column} sort={sortOf(column, index)} modifier="nowrap">
                    {column}
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {data.rows.map((row) => (
                <Tr key={row.datasetId}>
                  <Td dataLabel="Run">
                    <Link href={`/runs/${row.runId}`}>Run {row.runId}</Link>
                  </Td>
                  <Td dataLabel="Start" modifier="nowrap">
                    {formatEpoch(row.start)}
                  </Td>
                  {labels.map((label) => (
                    <LabelValueCell key={label} label={label} value={row.values[label]} />
                  ))}
                </Tr>
              ))}
            </Tbody>
          </Table>
        </div>
      )}
      <ListPagination
        itemCount={data.hasMore ? undefined : shownUpTo}
        page={query.page}
        limit={query.limit}
        label="Label values pages"
        variant="bottom"
        onChange={navigate}
      />
    </>
  );
}

function LabelValueCell({ label, value }: { label: string; value: unknown }) {
  const text = formatJsonValue(value);
  if (!text) {
    return (
      <Td dataLabel={label}>
        <span aria-hidden="true">—</span>
        <span className="pf-v6-screen-reader">no value</span>
      </Td>
    );
  }
  const isLong = text.length > MAX_CELL_CHARS;
  return (
    <Td dataLabel={label} title={isLong ? text : undefined}>
      {typeof value === 'object' ? <code>{isLong ? `${text.slice(0, MAX_CELL_CHARS)}…` : text}</code> : isLong ? `${text.slice(0, MAX_CELL_CHARS)}…` : text}
    </Td>
  );
}
