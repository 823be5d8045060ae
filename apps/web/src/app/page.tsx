import type { Metadata } from 'next';
import { findTests } from '../features/tests/find-tests';
import { TestList } from '../features/tests/test-list';
import { parseTestListQuery } from '../features/tests/test-list-query';
import type { SearchParams } from '../lib/search-params';

// The layout's title template covers child segments only, and this page shares the root segment.
export const metadata: Metadata = { title: { absolute: 'Tests · Granary' } };

// Rendered per request: the API is not there at build time, and the list changes with every upload.
export const dynamic = 'force-dynamic';

export default async function TestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = parseTestListQuery(params);
  const result = await findTests(query);
  return <TestList query={query} searchParams={params} {...result} />;
}
