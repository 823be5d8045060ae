import type { Metadata } from 'next';
import { findTests } from '../features/tests/find-tests';
import { TestList } from '../features/tests/test-list';
import { parseTestListQuery } from '../features/tests/test-list-query';
import { withSearchParams, type SearchParams } from '../lib/search-params';
import { whenSignedIn } from '../lib/session';

// The layout's title template covers child segments only, and this page shares the root segment.
export const metadata: Metadata = { title: { absolute: 'Tests · Granary' } };

// Rendered per request: the API is not there at build time, and the list changes with every upload.
export const dynamic = 'force-dynamic';

export default async function TestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = parseTestListQuery(params);
  // Signed in, the list includes the caller's teams' protected and private tests.
  const result = await whenSignedIn(await findTests(query), withSearchParams('/', params, {}));
  return <TestList query={query} searchParams={params} {...result} />;
}
