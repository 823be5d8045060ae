import type { Metadata } from 'next';
import { AdminView, type AdminViewProps } from '../../features/admin/admin-view';
import { findAllTeams, findUsers } from '../../features/admin/find-admin-data';
import { firstParam, withSearchParams, type SearchParams } from '../../lib/search-params';
import { getCurrentUser, whenSignedIn } from '../../lib/session';

export const metadata: Metadata = { title: 'Admin' };

export const dynamic = 'force-dynamic';

export default async function AdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = firstParam(params, 'q')?.trim() ?? '';
  return <AdminView {...await adminViewProps(query, withSearchParams('/admin', params, {}))} />;
}

async function adminViewProps(query: string, path: string): Promise<AdminViewProps> {
  const session = await getCurrentUser();
  if (!session) {
    return { access: 'anonymous' };
  }
  const me = await whenSignedIn(session, path);
  if (!me.isOk) {
    return { access: 'unknown', problem: me.problem };
  }
  if (!me.data.isAdmin) {
    return { access: 'forbidden' };
  }
  const [users, teams] = await Promise.all([findUsers(query), findAllTeams()]);
  return {
    access: 'admin',
    username: me.data.username,
    query,
    users: await whenSignedIn(users, path),
    teams: await whenSignedIn(teams, path),
  };
}
