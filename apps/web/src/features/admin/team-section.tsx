'use client';

import type { Problem } from '@granary/api-client';
import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  PageSection,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import UsersIcon from '@patternfly/react-icons/dist/esm/icons/users-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import { useState, useTransition, type FormEvent } from 'react';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyView } from '../../components/empty-view';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { createTeam, deleteTeam } from './admin.actions';
import { toTeamName } from './team-name';

const HEADING_ID = 'admin-teams-heading';

/** Teams: create one (`<name>-team`), open its members, delete one. */
export function TeamSection({ teams }: { teams: ApiResult<string[]> }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [deleting, setDeleting] = useState<string>();
  const [isPending, startTransition] = useTransition();
  const preview = toTeamName(name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createTeam(name);
      if (result.isOk) {
        setName('');
        setProblem(undefined);
      } else {
        setProblem(result.problem);
      }
    });
  };

  return (
    <PageSection aria-labelledby={HEADING_ID}>
      <Stack hasGutter>
        <StackItem>
          <Title headingLevel="h2" id={HEADING_ID}>
            Teams
          </Title>
        </StackItem>
        <StackItem>
          <Form onSubmit={submit} maxWidth="32rem">
            {problem && <ProblemAlert problem={problem} />}
            <FormGroup label="New team" fieldId="new-team-name">
              <InputGroup>
                <InputGroupItem isFill>
                  <TextInput id="new-team-name" value={name} onChange={(_e, value) => setName(value)} autoComplete="off" />
                </InputGroupItem>
                <InputGroupItem>
                  <Button variant="secondary" type="submit" isLoading={isPending} isDisabled={isPending || !name.trim()}>
                    Create team
                  </Button>
                </InputGroupItem>
              </InputGroup>
              <FormHelperText>
                <HelperText>
                  <HelperTextItem variant={name && !preview ? 'error' : 'default'}>
                    {name && preview
                      ? `The team will be called ${preview}.`
                      : 'Lower-case letters, digits and . _ -; "-team" is added for you.'}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          </Form>
        </StackItem>
        <StackItem>
          {!teams.isOk ? (
            <ProblemAlert problem={teams.problem} canRetry={teams.problem.status >= 500} />
          ) : teams.data.length === 0 ? (
            <EmptyView title="No teams yet" icon={UsersIcon} headingLevel="h2">
              Teams own tests, runs and schemas; their members see and change them by role. Create the first one above.
            </EmptyView>
          ) : (
            <Table aria-label="Teams" variant="compact" role="table">
              <Thead>
                <Tr>
                  <Th>Team</Th>
                  <Th screenReaderText="Actions" />
                </Tr>
              </Thead>
              <Tbody>
                {teams.data.map((team) => (
                  <Tr key={team}>
                    <Td dataLabel="Team">
                      <Link href={`/teams/${encodeURIComponent(team)}`}>{team}</Link>
                    </Td>
                    <Td dataLabel="Actions" isActionCell>
                      <Button variant="secondary" isDanger size="sm" onClick={() => setDeleting(team)} aria-label={`Delete ${team}`}>
                        Delete
                      </Button>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </StackItem>
      </Stack>
      {deleting && (
        <ConfirmModal
          title={`Delete team ${deleting}?`}
          confirmLabel="Delete"
          isDanger
          onConfirm={() => deleteTeam(deleting)}
          onClose={() => setDeleting(undefined)}
        >
          Its members lose their roles in it. Granary refuses to delete a team that still owns tests, runs or schemas.
        </ConfirmModal>
      )}
    </PageSection>
  );
}
