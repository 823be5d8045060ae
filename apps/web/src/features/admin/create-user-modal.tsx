'use client';

import type { Problem } from '@granary/api-client';
import {
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { TEAM_ROLES, type TeamRole } from '../teams/member-roles';
import { createUser, type NewUserInput } from './admin.actions';

const FORM_ID = 'create-user-form';

const ROLE_HELP: Record<TeamRole, string> = {
  viewer: 'sees the team’s protected and private data',
  tester: 'also creates and changes tests, schemas and runs',
  uploader: 'uploads runs (and sees nothing more)',
  manager: 'manages the team’s members',
};

const EMPTY: NewUserInput = { username: '', email: '', firstName: '', lastName: '', password: '', team: '', roles: [] };

/** "Create user": user name, e-mail, names, password, and optionally a team with roles. */
export function CreateUserModal({ teams, onClose }: { teams: string[]; onClose: () => void }) {
  const [user, setUser] = useState<NewUserInput>(EMPTY);
  const [problem, setProblem] = useState<Problem>();
  const [isPending, startTransition] = useTransition();
  const titleId = useId();
  const set = (changes: Partial<NewUserInput>) => setUser((current) => ({ ...current, ...changes }));
  const setRole = (role: TeamRole, isChecked: boolean) =>
    set({ roles: TEAM_ROLES.filter((r) => (r === role ? isChecked : user.roles.includes(r))) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createUser(user);
      if (result.isOk) {
        onClose();
      } else {
        setProblem(result.problem);
      }
    });
  };

  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby={titleId}>
      <ModalHeader title="Create user" labelId={titleId} />
      <ModalBody>
        <Form id={FORM_ID} onSubmit={submit}>
          {problem && <ProblemAlert problem={problem} />}
          <FormGroup label="User name" isRequired fieldId="new-user-username">
            <TextInput id="new-user-username" isRequired value={user.username} onChange={(_e, username) => set({ username })} autoComplete="off" />
          </FormGroup>
          <FormGroup label="E-mail" fieldId="new-user-email">
            <TextInput id="new-user-email" type="email" value={user.email} onChange={(_e, email) => set({ email })} autoComplete="off" />
          </FormGroup>
          <Grid hasGutter md={6}>
            <GridItem>
              <FormGroup label="First name" fieldId="new-user-first-name">
                <TextInput id="new-user-first-name" value={user.firstName} onChange={(_e, firstName) => set({ firstName })} autoComplete="off" />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label="Last name" fieldId="new-user-last-name">
                <TextInput id="new-user-last-name" value={user.lastName} onChange={(_e, lastName) => set({ lastName })} autoComplete="off" />
              </FormGroup>
            </GridItem>
          </Grid>
          <FormGroup label="Password" fieldId="new-user-password">
            <TextInput id="new-user-password" type="password" value={user.password} onChange={(_e, password) => set({ password })} autoComplete="new-password" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>At least 8 characters. Leave empty for someone who signs in with single sign-on only.</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label="Team" fieldId="new-user-team">
            <FormSelect id="new-user-team" value={user.team} onChange={(_e, team) => set({ team, roles: team ? user.roles : [] })}>
              <FormSelectOption value="" label="No team" />
              {teams.map((team) => (
                <FormSelectOption key={team} value={team} label={team} />
              ))}
            </FormSelect>
          </FormGroup>
          {user.team && (
            <FormGroup role="group" isStack label={`Roles in ${user.team}`} fieldId="new-user-roles">
              {TEAM_ROLES.map((role) => (
                <Checkbox
                  key={role}
                  id={`new-user-role-${role}`}
                  label={role}
                  description={ROLE_HELP[role]}
                  isChecked={user.roles.includes(role)}
                  onChange={(_e, isChecked) => setRole(role, isChecked)}
                />
              ))}
            </FormGroup>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" type="submit" form={FORM_ID} isLoading={isPending} isDisabled={isPending}>
          Create
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
