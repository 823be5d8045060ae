'use client';

import type { Problem } from '@granary/api-client';
import { PageSection } from '@patternfly/react-core';
import { AccessDeniedView } from '../../components/access-denied-view';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { TeamSection } from './team-section';
import { UserSection } from './user-section';
import type { UserData } from './find-admin-data';

export type AdminViewProps =
  | { access: 'anonymous' | 'forbidden' }
  | { access: 'unknown'; problem: Problem }
  | { access: 'admin'; username: string; query: string; users: ApiResult<UserData[]>; teams: ApiResult<string[]> };

const WHO_MAY = 'Only administrators manage users and teams. Team managers find their teams in the user menu.';

/** The Admin page: users (search, create, reset password, remove) and teams (create, delete, members). */
export function AdminView(props: AdminViewProps) {
  return (
    <>
      <PageHeader title="Admin" description="Users and teams of this Granary instance." />
      {props.access === 'admin' ? (
        <>
          <UserSection username={props.username} query={props.query} users={props.users} teams={props.teams.isOk ? props.teams.data : []} />
          <TeamSection teams={props.teams} />
        </>
      ) : (
        <PageSection>
          {props.access === 'unknown' ? (
            <ProblemAlert problem={props.problem} canRetry />
          ) : (
            <AccessDeniedView isSignedIn={props.access === 'forbidden'} path="/admin">
              {WHO_MAY}
            </AccessDeniedView>
          )}
        </PageSection>
      )}
    </>
  );
}
