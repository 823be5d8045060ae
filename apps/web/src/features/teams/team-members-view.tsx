'use client';

import type { Problem } from '@granary/api-client';
import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  InputGroup,
  InputGroupItem,
  List,
  ListItem,
  PageSection,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import UsersIcon from '@patternfly/react-icons/dist/esm/icons/users-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState, useTransition, type FormEvent } from 'react';
import { AccessDeniedView } from '../../components/access-denied-view';
import { EmptyView } from '../../components/empty-view';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { describeChange, membershipChanges, TEAM_ROLES, withMember, withoutRoles, withRole, type Membership } from './member-roles';
import { saveTeamMembers } from './team-members.actions';

interface TeamMembersViewProps {
  team: string;
  members: ApiResult<Membership>;
}

/** A team's page for its managers and administrators: members and their roles, as a table of checkboxes. */
export function TeamMembersView({ team, members }: TeamMembersViewProps) {
  return (
    <>
      <PageHeader title={`Team ${team}`} description="Members and their roles. Changes take effect when saved." />
      <PageSection>
        {members.isOk ? (
          // A new saved membership (after Save) starts a fresh edit.
          <MembershipEditor key={JSON.stringify(members.data)} team={team} saved={members.data} />
        ) : members.problem.status === 403 ? (
          <AccessDeniedView isSignedIn path={`/teams/${encodeURIComponent(team)}`}>
            Only the managers of {team} and administrators manage its members.
          </AccessDeniedView>
        ) : members.problem.status === 404 ? (
          <EmptyView title="No such team" icon={UsersIcon}>
            There is no team {team}. It may have been deleted.
          </EmptyView>
        ) : (
          <ProblemAlert problem={members.problem} canRetry={members.problem.status >= 500} />
        )}
      </PageSection>
    </>
  );
}

function MembershipEditor({ team, saved }: { team: string; saved: Membership }) {
  const [edited, setEdited] = useState<Membership>(saved);
  const [newMember, setNewMember] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [isPending, startTransition] = useTransition();
  const changes = membershipChanges(saved, edited);
  const usernames = Object.keys(edited).sort();

  const add = (event: FormEvent) => {
    event.preventDefault();
    setEdited(withMember(edited, newMember));
    setNewMember('');
  };

  const save = () =>
    startTransition(async () => {
      const result = await saveTeamMembers(team, edited);
      if (!result.isOk) {
        setProblem(result.problem);
      }
    });

  return (
    <Stack hasGutter>
      <StackItem>
        <Form onSubmit={add} maxWidth="32rem">
          <FormGroup label="Add a member by user name" fieldId="new-member">
            <InputGroup>
              <InputGroupItem isFill>
                <TextInput id="new-member" value={newMember} onChange={(_e, value) => setNewMember(value)} autoComplete="off" />
              </InputGroupItem>
              <InputGroupItem>
                <Button variant="secondary" type="submit" isDisabled={!newMember.trim()}>
                  Add member
                </Button>
              </InputGroupItem>
            </InputGroup>
          </FormGroup>
        </Form>
      </StackItem>
      <StackItem>
        {usernames.length === 0 ? (
          <EmptyView title="No members yet" icon={UsersIcon} headingLevel="h2">
            Add people by user name above, then choose their roles and save.
          </EmptyView>
        ) : (
          <Table aria-label={`Members of ${team}`} variant="compact" role="table">
            <Thead>
              <Tr>
                <Th>User name</Th>
                {TEAM_ROLES.map((role) => (
                  <Th key={role} textCenter>
                    {role[0]!.toUpperCase() + role.slice(1)}
                  </Th>
                ))}
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {usernames.map((username) => (
                <Tr key={username}>
                  <Td dataLabel="User name">{username}</Td>
                  {TEAM_ROLES.map((role) => (
                    <Td key={role} dataLabel={role} textCenter>
                      <Checkbox
                        id={`role-${username}-${role}`}
                        aria-label={`${role} in ${team} for ${username}`}
                        isChecked={edited[username]?.includes(role) ?? false}
                        onChange={(_e, isChecked) => setEdited(withRole(edited, username, role, isChecked))}
                      />
                    </Td>
                  ))}
                  <Td dataLabel="Actions" isActionCell>
                    <Button variant="link" isDanger size="sm" onClick={() => setEdited(withoutRoles(edited, username))} aria-label={`Remove ${username} from ${team}`}>
                      Remove
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </StackItem>
      {changes.length > 0 && (
        <StackItem>
          <Alert variant="info" isInline title="Unsaved changes" component="h2">
            <List>
              {changes.map((change) => (
                <ListItem key={change.username}>{describeChange(change)}</ListItem>
              ))}
            </List>
          </Alert>
        </StackItem>
      )}
      {problem && (
        <StackItem>
          <ProblemAlert problem={problem} />
        </StackItem>
      )}
      <StackItem>
        <ActionGroup>
          <Button variant="primary" onClick={save} isLoading={isPending} isDisabled={isPending || changes.length === 0}>
            Save changes
          </Button>
          <Button
            variant="link"
            onClick={() => {
              setEdited(saved);
              setProblem(undefined);
            }}
            isDisabled={isPending || changes.length === 0}
          >
            Discard changes
          </Button>
        </ActionGroup>
      </StackItem>
    </Stack>
  );
}
