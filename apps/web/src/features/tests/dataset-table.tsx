'use client';

import { Content, Label, LabelGroup, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import CubesIcon from '@patternfly/react-icons/dist/esm/icons/cubes-icon';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import Link from 'next/link';
import { EmptyView } from '../../components/empty-view';
import { ListPagination } from '../../components/list-pagination';
import { formatEpoch } from '../../lib/format';
import type { DatasetsPage } from './find-test-detail';
import type { DatasetSortField, DatasetsQuery } from './test-detail-query';

interface DatasetTableProps {
  query: DatasetsQuery;
  data: DatasetsPage;
  navigate: (changes: Record<string, string | number | undefined>) => void;
}

const COLUMNS: { title: string; sortField?: DatasetSortField }[] = [
  { title: 'Dataset', sortField: 'id' },
  { title: 'Start', sortField: 'start' },
  { title: 'Stop', sortField: 'stop' },
  { title: 'Description', sortField: 'description' },
  { title: 'Schemas' },
  { title: 'Validation' },
];

/** The Datasets tab: the documents the test's runs were transformed into, a page at a time. */
export function DatasetTable({ query, data, navigate }: DatasetTableProps) {
  const sortOf = (field: DatasetSortField | undefined, columnIndex: number): ThProps['sort'] =>
    field && {
      columnIndex,
      sortBy: { index: COLUMNS.findIndex((c) => c.sortField === query.sort), direction: query.direction === 'Descending' ? 'desc' : 'asc' },
      onSort: (_event, _index, direction) => navigate({ sort: field, direction: direction === 'desc' ? 'Descending' : 'Ascending', page: 1 }),
    };

  return (
    <>
      <Toolbar>
        <ToolbarContent alignItems="center">
          <ToolbarItem>
            <Content component="p">{data.total === 1 ? '1 dataset' : `${data.total} datasets`}</Content>
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
            <ListPagination itemCount={data.total} page={query.page} limit={query.limit} label="Datasets pages" variant="top" onChange={navigate} isCompact />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {data.datasets.length === 0 ? (
        <EmptyView title={data.total === 0 ? 'No datasets yet' : 'No datasets on this page'} icon={CubesIcon}>
          {data.total === 0
            ? 'Each run becomes one dataset, or several when a transformer splits it. They appear here once the runs are processed.'
            : `There are ${data.total} datasets, but page ${query.page} is past the last one.`}
        </EmptyView>
      ) : (
        <Table aria-label="Datasets" variant="compact" role="table">
          <Thead>
            <Tr>
              {COLUMNS.map((column, index) => (
                <Th key={column.title} sort={sortOf(column.sortField, index)}>
                  {column.title}
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {data.datasets.map((dataset) => (
              <Tr key={dataset.id}>
                <Td dataLabel="Dataset">
                  <Link href={`/runs/${dataset.runId}#dataset-${dataset.ordinal}`}>
                    {dataset.runId}/{dataset.ordinal + 1}
                  </Link>
                </Td>
                <Td dataLabel="Start">{formatEpoch(dataset.start)}</Td>
                <Td dataLabel="Stop">{formatEpoch(dataset.stop)}</Td>
                <Td dataLabel="Description" modifier="wrap">
                  {dataset.description}
                </Td>
                <Td dataLabel="Schemas">
                  <LabelGroup numLabels={3}>
                    {dataset.schemas.map((schema) => (
                      <Label key={`${schema.id}-${schema.key ?? ''}`} isCompact color="blue" title={schema.uri}>
                        {schema.name}
                      </Label>
                    ))}
                  </LabelGroup>
                </Td>
                <Td dataLabel="Validation">
                  {(dataset.validationErrors?.length ?? 0) > 0 ? (
                    <Label color="red" isCompact>
                      {dataset.validationErrors!.length} {dataset.validationErrors!.length === 1 ? 'error' : 'errors'}
                    </Label>
                  ) : (
                    'Valid'
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination itemCount={data.total} page={query.page} limit={query.limit} label="Datasets pages" variant="bottom" onChange={navigate} />
    </>
  );
}
