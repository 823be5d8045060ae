import type { Metadata } from 'next';
import { findRecentChanges } from '../../features/changes/find-changes';
import { RecentChangesList } from '../../features/changes/recent-changes-list';
import { parsePaging } from '../../lib/paging';
import { withSearchParams, type SearchParams } from '../../lib/search-params';
import { whenSignedIn } from '../../lib/session';

export const metadata: Metadata = { title: 'Changes' };

// Rendered per request: changes arrive with every upload.
export const dynamic = 'force-dynamic';

export default async function ChangesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const paging = parsePaging(params);
  const result = await whenSignedIn(await findRecentChanges(paging), withSearchParams('/changes', params, {}));
  return <RecentChangesList paging={paging} searchParams={params} result={result} />;
}
