'use client';

import { PageSection } from '@patternfly/react-core';
import ChartLineIcon from '@patternfly/react-icons/dist/esm/icons/chart-line-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { EmptyView } from '../../components/empty-view';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { formatEpoch } from '../../lib/format';
import type { Paging } from '../../lib/paging';
import { withSearchParams, type SearchParams } from '../../lib/search-params';
import { describeChange, fingerprintText, modelTitle } from './change-format';
import { ChangeStatusLabel } from './change-status-label';
import type { RecentChangesPage } from './find-changes';
import { changesTabHref } from './fingerprints';

interface RecentChangesListProps {
  paging: Paging;
  searchParams: SearchParams;
  result: ApiResult<RecentChangesPage>;
}

/** The Changes page: the newest changes across every test the caller may see. */
export function RecentChangesList({ paging, searchParams, result }: RecentChangesListProps) {
  const router = useRouter();
  const navigate = (changes: Record<string, string | number | undefined>) => router.push(withSearchParams('/changes', searchParams, changes));
  return (
    <>
      <PageHeader title="Changes" description="The newest changes change detection found (or people marked) in the tests you can see." />
      <PageSection>
        {!result.isOk ? (
          <ProblemAlert problem={result.problem} canRetry={result.problem.status >= 500} />
        ) : result.data.changes.length === 0 ? (
          <EmptyView title={paging.page > 1 ? 'No changes on this page' : 'No changes yet'} icon={ChartLineIcon}>
            {paging.page > 1
              ? 'This page is past the last one.'
              : "Changes appear when change detection finds a step in a test's datapoints. Define change detection variables on a test's Change detection tab."}
          </EmptyView>
        ) : (
          <>
            <ListPagination itemCount={result.data.total} page={paging.page} limit={paging.limit} label="Changes pages" variant="top" onChange={navigate} isCompact />
            <Table aria-label="Recent changes" variant="compact" role="table">
              <Thead>
                <Tr>
                  <Th modifier="nowrap">Time</Th>
                  <Th>Test</Th>
                  <Th>Variable</Th>
                  <Th>Fingerprint</Th>
                  <Th>Description</Th>
                  <Th>Model</Th>
                  <Th>Status</Th>
                </Tr>
              </Thead>
              <Tbody>
                {result.data.changes.map((change) => (
                  <Tr key={change.id}>
                    <Td dataLabel="Time" modifier="nowrap">
                      <Link href={changesTabHref(change.test.id, change.fingerprint)} aria-label={`Change of ${change.variable?.name ?? 'a variable'} in ${change.test.name} on ${formatEpoch(change.timestamp)}`}>
                        {formatEpoch(change.timestamp)}
                      </Link>
                    </Td>
                    <Td dataLabel="Test">
                      <Link href={`/tests/${change.test.id}`}>{change.test.name}</Link>
                    </Td>
                    <Td dataLabel="Variable">{change.variable?.name}</Td>
                    <Td dataLabel="Fingerprint">{fingerprintText(change.fingerprint)}</Td>
                    <Td dataLabel="Description">{describeChange(change)}</Td>
                    <Td dataLabel="Model">{modelTitle(change.model)}</Td>
                    <Td dataLabel="Status">
                      <ChangeStatusLabel change={change} />
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <ListPagination itemCount={result.data.total} page={paging.page} limit={paging.limit} label="Changes pages" variant="bottom" onChange={navigate} />
          </>
        )}
      </PageSection>
    </>
  );
}
