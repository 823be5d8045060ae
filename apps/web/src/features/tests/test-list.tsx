'use client';

import type { Schemas } from '@granary/api-client';
import {
  Button,
  Content,
  PageSection,
  Pagination,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
  type PaginationProps,
} from '@patternfly/react-core';
import CubesIcon from '@patternfly/react-icons/dist/esm/icons/cubes-icon';
import SearchIcon from '@patternfly/react-icons/dist/esm/icons/search-icon';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { EmptyView } from '../../components/empty-view';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { PAGE_SIZES } from '../../lib/paging';
import { withSearchParams, type SearchParams } from '../../lib/search-params';
import { AccessBadge } from './access-badge';
import type { TestListQuery, TestListSortField } from './test-list-query';

type TestListProps = { query: TestListQuery; searchParams: SearchParams } & ApiResult<Schemas['TestQueryResult']>;

const COLUMNS: { title: string; sortField?: TestListSortField }[] = [
  { title: 'Name', sortField: 'name' },
  { title: 'Description', sortField: 'description' },
  { title: 'Owner', sortField: 'owner' },
  { title: 'Access' },
];

const PER_PAGE_OPTIONS = PAGE_SIZES.map((size) => ({ title: String(size), value: size }));

/** The Tests page: every test the caller may see, a page at a time, with its state in the URL. */
export function TestList(props: TestListProps) {
  return (
    <>
      <PageHeader
        title="Tests"
        description="A test groups the runs of one benchmark; runs are uploaded to it as JSON documents."
      />
      <PageSection>
        {props.isOk ? (
          <TestTable query={props.query} searchParams={props.searchParams} data={props.data} />
        ) : (
          <ProblemAlert problem={props.problem} canRetry={props.problem.status >= 500} />
        )}
      </PageSection>
    </>
  );
}

interface TestTableProps {
  query: TestListQuery;
  searchParams: SearchParams;
  data: Schemas['TestQueryResult'];
}

function TestTable({ query, searchParams, data }: TestTableProps) {
  const router = useRouter();
  const navigate = (changes: Record<string, string | number | undefined>) =>
    router.push(withSearchParams('/', searchParams, changes));

  if (data.count === 0) {
    return <NoTestsYet />;
  }

  const pagination = (variant: 'top' | 'bottom'): PaginationProps => ({
    itemCount: data.count,
    page: query.page,
    perPage: query.limit,
    perPageOptions: PER_PAGE_OPTIONS,
    onSetPage: (_event, page) => navigate({ page }),
    onPerPageSelect: (_event, limit) => navigate({ limit, page: 1 }),
    widgetId: `tests-pagination-${variant}`,
    titles: { paginationAriaLabel: `Test list pages, ${variant}` },
    variant,
  });

  const sortOf = (field: TestListSortField | undefined, columnIndex: number): ThProps['sort'] =>
    field && {
      columnIndex,
      sortBy: {
        index: COLUMNS.findIndex((column) => column.sortField === query.sort),
        direction: query.direction === 'Descending' ? 'desc' : 'asc',
      },
      onSort: (_event, _index, direction) =>
        navigate({ sort: field, direction: direction === 'desc' ? 'Descending' : 'Ascending', page: 1 }),
    };

  return (
    <>
      <Toolbar>
        <ToolbarContent alignItems="center">
          <ToolbarItem>
            <Content component="p">{data.count === 1 ? '1 test' : `${data.count} tests`}</Content>
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
            <Pagination {...pagination('top')} isCompact />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {data.tests.length === 0 ? (
        <EmptyView
          title="No tests on this page"
          icon={SearchIcon}
          actions={
            <Button variant="link" component={Link} href={withSearchParams('/', searchParams, { page: 1 })}>
              Go to the first page
            </Button>
          }
        >
          There are {data.count} tests, but page {query.page} is past the last one.
        </EmptyView>
      ) : (
        <Table aria-label="Tests" variant="compact" role="table">
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
            {data.tests.map((test) => (
              <Tr key={test.id}>
                <Td dataLabel="Name">
                  <Link href={`/tests/${test.id}`}>{test.name}</Link>
                </Td>
                <Td dataLabel="Description" modifier="wrap">
                  {test.description}
                </Td>
                <Td dataLabel="Owner">{test.owner}</Td>
                <Td dataLabel="Access">
                  <AccessBadge access={test.access} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Pagination {...pagination('bottom')} />
    </>
  );
}

function NoTestsYet() {
  return (
    <EmptyView title="No tests yet" icon={CubesIcon}>
      Tests are created through the API, with <code>POST /api/test</code> as in Horreum. Once a test
      exists, upload runs to it as JSON documents with <code>POST /api/run/data?test=&lt;name&gt;</code>{' '}
      from curl or a CI job; they show up under their test.
    </EmptyView>
  );
}
