import type { Metadata } from 'next';
import { findTeamMembers } from '../../../features/teams/find-team-members';
import { TeamMembersView } from '../../../features/teams/team-members-view';
import { requireUser, whenSignedIn } from '../../../lib/session';

export const dynamic = 'force-dynamic';

type Params = Promise<{ team: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Team ${(await params).team}` };
}

export default async function TeamPage({ params }: { params: Params }) {
  const team = (await params).team;
  const path = `/teams/${encodeURIComponent(team)}`;
  const me = await requireUser(path);
  const members = me.isOk ? await whenSignedIn(await findTeamMembers(team), path) : me;
  return <TeamMembersView team={team} members={members} />;
}
