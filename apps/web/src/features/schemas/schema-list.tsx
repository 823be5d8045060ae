'use client';

import {
  Button,
  Content,
  PageSection,
  SearchInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import CodeIcon from '@patternfly/react-icons/dist/esm/icons/code-icon';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EmptyView } from '../../components/empty-view';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { withSearchParams, type SearchParams } from '../../lib/search-params';
import { AccessBadge } from '../tests/access-badge';
import type { SchemaPage } from './find-schemas';
import type { SchemaListQuery, SchemaSortField } from './schema-list-query';

type SchemaListProps = { query: SchemaListQuery; searchParams: SearchParams; isSignedIn: boolean } & ApiResult<SchemaPage>;

const COLUMNS: { title: string; sortField?: SchemaSortField }[] = [
  { title: 'Name', sortField: 'name' },
  { title: 'URI', sortField: 'uri' },
  { title: 'Description' },
  { title: 'Owner', sortField: 'owner' },
  { title: 'Access' },
];

/** The Schemas page: every schema the caller may see, searchable by name, a page at a time. */
export function SchemaList(props: SchemaListProps) {
  const router = useRouter();
  const navigate = (changes: Record<string, string | number | undefined>) => router.push(withSearchParams('/schemas', props.searchParams, changes));
  const newSchema = props.isSignedIn ? (
    <Button variant="primary" component={Link} href="/schemas/new">
      New schema
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader
        title="Schemas"
        description="A schema describes run documents that name its URI in $schema: their JSON Schema, labels and transformers."
        actions={newSchema}
      />
      <PageSection>
        {props.isOk ? (
          <SchemaTable query={props.query} data={props.data} navigate={navigate} newSchema={newSchema} />
        ) : (
          <ProblemAlert problem={props.problem} canRetry={props.problem.status >= 500} />
        )}
      </PageSection>
    </>
  );
}

function SchemaTable({
  query,
  data,
  navigate,
  newSchema,
}: {
  query: SchemaListQuery;
  data: SchemaPage;
  navigate: (changes: Record<string, string | number | undefined>) => void;
  newSchema: React.ReactNode;
}) {
  const [search, setSearch] = useState(query.name);
  if (data.count === 0 && !query.name) {
    return (
      <EmptyView title="No schemas yet" icon={CodeIcon} actions={newSchema}>
        Create a schema with the URI your documents carry in <code>$schema</code>, then define labels to extract values
        from them.
      </EmptyView>
    );
  }
  const sortOf = (field: SchemaSortField | undefined, columnIndex: number): ThProps['sort'] =>
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
            <SearchInput
              aria-label="Find schemas by name"
              placeholder="Find by name"
              value={search}
              onChange={(_event, value) => setSearch(value)}
              onSearch={(_event, value) => navigate({ name: value.trim() || undefined, page: 1 })}
              onClear={() => {
                setSearch('');
                navigate({ name: undefined, page: 1 });
              }}
            />
          </ToolbarItem>
          <ToolbarItem>
            <Content component="p">{data.count === 1 ? '1 schema' : `${data.count} schemas`}</Content>
          </ToolbarItem>
          <ToolbarItem variant="pagination" align={{ default: 'alignEnd' }}>
            <ListPagination itemCount={data.count} page={query.page} limit={query.limit} label="Schema pages" variant="top" onChange={navigate} isCompact />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {data.schemas.length === 0 ? (
        <EmptyView title="No schemas found" icon={CodeIcon}>
          {query.name ? `No schema's name contains "${query.name}".` : `Page ${query.page} is past the last one.`}
        </EmptyView>
      ) : (
        <Table aria-label="Schemas" variant="compact" role="table">
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
            {data.schemas.map((schema) => (
              <Tr key={schema.id}>
                <Td dataLabel="Name">
                  <Link href={`/schemas/${schema.id}`}>{schema.name}</Link>
                </Td>
                <Td dataLabel="URI">
                  <code>{schema.uri}</code>
                </Td>
                <Td dataLabel="Description" modifier="wrap">
                  {schema.description}
                </Td>
                <Td dataLabel="Owner">{schema.owner}</Td>
                <Td dataLabel="Access">
                  <AccessBadge access={schema.access} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ListPagination itemCount={data.count} page={query.page} limit={query.limit} label="Schema pages" variant="bottom" onChange={navigate} />
    </>
  );
}
