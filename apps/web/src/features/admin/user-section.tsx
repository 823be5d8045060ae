'use client';

import { Button, PageSection, SearchInput, Title, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import SearchIcon from '@patternfly/react-icons/dist/esm/icons/search-icon';
import UsersIcon from '@patternfly/react-icons/dist/esm/icons/users-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyView } from '../../components/empty-view';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { withSearchParams } from '../../lib/search-params';
import { removeUser } from './admin.actions';
import { CreateUserModal } from './create-user-modal';
import type { UserData } from './find-admin-data';
import { ResetPasswordModal } from './reset-password-modal';

interface UserSectionProps {
  /** The administrator looking: they cannot remove themselves. */
  username: string;
  query: string;
  users: ApiResult<UserData[]>;
  teams: string[];
}

const HEADING_ID = 'admin-users-heading';

function fullName(user: UserData): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ');
}

/** Users: search (kept in the URL as `?q=`), create, reset a password, remove. */
export function UserSection({ username, query, users, teams }: UserSectionProps) {
  const router = useRouter();
  const [search, setSearch] = useState(query);
  const [isCreating, setIsCreating] = useState(false);
  const [resetting, setResetting] = useState<string>();
  const [removing, setRemoving] = useState<string>();
  const searchFor = (value: string) => router.push(withSearchParams('/admin', {}, { q: value.trim() || undefined }));

  return (
    <PageSection aria-labelledby={HEADING_ID}>
      <Title headingLevel="h2" id={HEADING_ID}>
        Users
      </Title>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              aria-label="Search users"
              placeholder="Search by name or e-mail"
              value={search}
              onChange={(_event, value) => setSearch(value)}
              onSearch={(_event, value) => searchFor(value)}
              onClear={() => {
                setSearch('');
                searchFor('');
              }}
            />
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="primary" onClick={() => setIsCreating(true)}>
              Create user
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {!users.isOk ? (
        <ProblemAlert problem={users.problem} canRetry={users.problem.status >= 500} />
      ) : users.data.length === 0 ? (
        query ? (
          <EmptyView title="No users match" icon={SearchIcon} headingLevel="h2">
            No user name, name or e-mail contains “{query}”.
          </EmptyView>
        ) : (
          <EmptyView title="No users yet" icon={UsersIcon} headingLevel="h2">
            Create users here, or let people sign in with single sign-on.
          </EmptyView>
        )
      ) : (
        <Table aria-label="Users" variant="compact" role="table">
          <Thead>
            <Tr>
              <Th>User name</Th>
              <Th>Name</Th>
              <Th>E-mail</Th>
              <Th screenReaderText="Actions" />
            </Tr>
          </Thead>
          <Tbody>
            {users.data.map((user) => (
              <Tr key={user.id || user.username}>
                <Td dataLabel="User name">{user.username}</Td>
                <Td dataLabel="Name">{fullName(user)}</Td>
                <Td dataLabel="E-mail">{user.email}</Td>
                <Td dataLabel="Actions" isActionCell>
                  <Button variant="secondary" size="sm" onClick={() => setResetting(user.username)} aria-label={`Reset the password of ${user.username}`}>
                    Reset password
                  </Button>{' '}
                  {user.username !== username && (
                    <Button variant="secondary" isDanger size="sm" onClick={() => setRemoving(user.username)} aria-label={`Remove ${user.username}`}>
                      Remove
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {isCreating && <CreateUserModal teams={teams} onClose={() => setIsCreating(false)} />}
      {resetting && <ResetPasswordModal username={resetting} onClose={() => setResetting(undefined)} />}
      {removing && (
        <ConfirmModal
          title={`Remove user ${removing}?`}
          confirmLabel="Remove"
          isDanger
          onConfirm={() => removeUser(removing)}
          onClose={() => setRemoving(undefined)}
        >
          {removing} can no longer sign in, and their sessions and API keys stop working. What they uploaded stays with
          its team.
        </ConfirmModal>
      )}
    </PageSection>
  );
}
