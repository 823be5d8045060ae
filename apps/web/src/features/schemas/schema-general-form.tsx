'use client';

import type { Problem } from '@granary/api-client';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { formProblem } from '../../lib/api-result';
import type { Schema } from './find-schemas';
import { jsonSchemaFeedback, jsonSchemaText, schemaFormProblems, type SchemaFormValues } from './schema-form';
import { createSchema, updateSchema } from './schemas.actions';

interface SchemaGeneralFormProps {
  /** The schema to edit; none to create one. */
  schema?: Schema;
  /** The teams the person may make owner. */
  teams: string[];
  canEdit: boolean;
}

const ACCESS_OPTIONS = [
  { value: 'PUBLIC', label: 'Public: anyone, signed in or not' },
  { value: 'PROTECTED', label: 'Protected: anyone signed in' },
  { value: 'PRIVATE', label: 'Private: members of the owner team' },
] as const;

/** A schema's name, URI, description, owner, access and JSON Schema (checked as it is typed). */
export function SchemaGeneralForm({ schema, teams, canEdit }: SchemaGeneralFormProps) {
  const [values, setValues] = useState<SchemaFormValues>({
    name: schema?.name ?? '',
    uri: schema?.uri ?? '',
    description: schema?.description ?? '',
    owner: schema?.owner ?? teams[0] ?? '',
    access: schema?.access ?? 'PUBLIC',
    jsonSchema: jsonSchemaText(schema?.schema),
  });
  const [problem, setProblem] = useState<Problem>();
  const [isSaved, setIsSaved] = useState(false);
  const [isSaving, startSaving] = useTransition();
  const router = useRouter();
  const set = (change: Partial<SchemaFormValues>) => {
    setValues({ ...values, ...change });
    setIsSaved(false);
  };
  const feedback = jsonSchemaFeedback(values.jsonSchema);
  const owners = schema && !teams.includes(schema.owner) ? [schema.owner, ...teams] : teams;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const problems = schemaFormProblems(values);
    if (problems.length > 0) {
      setProblem(formProblem(problems.join(' ')));
      return;
    }
    startSaving(async () => {
      const input = {
        name: values.name.trim(),
        uri: values.uri.trim(),
        description: values.description.trim() || undefined,
        owner: values.owner,
        access: values.access,
        schema: feedback.state === 'valid' ? feedback.value : {},
      };
      const result = schema ? await updateSchema({ ...input, id: schema.id }) : await createSchema(input);
      setProblem(result.isOk ? undefined : result.problem);
      if (result.isOk && !schema) {
        router.push(`/schemas/${result.data}?tab=labels`);
        return;
      }
      setIsSaved(result.isOk);
    });
  };

  return (
    <Form onSubmit={save} maxWidth="56rem">
      {problem && <ProblemAlert problem={problem} />}
      {!canEdit && (
        <Alert variant="info" isInline isPlain title="Only testers of the owner team and administrators change this schema." component="h2" />
      )}
      {canEdit && teams.length === 0 && (
        <Alert variant="warning" isInline title="You are not a tester of any team" component="h2">
          A schema is owned by a team, and only its testers create and change it. Ask a team manager to make you a tester.
        </Alert>
      )}
      <FormGroup label="Name" isRequired fieldId="schema-name">
        <TextInput id="schema-name" isRequired value={values.name} onChange={(_e, name) => set({ name })} readOnlyVariant={canEdit ? undefined : 'default'} maxLength={255} />
      </FormGroup>
      <FormGroup label="URI" isRequired fieldId="schema-uri">
        <TextInput
          id="schema-uri"
          isRequired
          value={values.uri}
          onChange={(_e, uri) => set({ uri })}
          readOnlyVariant={canEdit ? undefined : 'default'}
          placeholder="urn:my-benchmark:1.0"
          className="pf-v6-u-font-family-monospace"
        />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>Uploaded documents name it in their <code>$schema</code> key (at the top, or in a first-level object or array element).</HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <FormGroup label="Description" fieldId="schema-description">
        <TextInput id="schema-description" value={values.description} onChange={(_e, description) => set({ description })} readOnlyVariant={canEdit ? undefined : 'default'} />
      </FormGroup>
      <FormGroup label="Owner" isRequired fieldId="schema-owner">
        <FormSelect id="schema-owner" value={values.owner} onChange={(_e, owner) => set({ owner })} isDisabled={!canEdit}>
          {owners.length === 0 && <FormSelectOption value="" label="No team to choose" isPlaceholder />}
          {owners.map((team) => (
            <FormSelectOption key={team} value={team} label={team} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label="Access" fieldId="schema-access">
        <FormSelect id="schema-access" value={values.access} onChange={(_e, access) => set({ access: access as SchemaFormValues['access'] })} isDisabled={!canEdit}>
          {ACCESS_OPTIONS.map((o) => (
            <FormSelectOption key={o.value} value={o.value} label={o.label} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label="JSON Schema" fieldId="schema-json">
        <TextArea
          id="schema-json"
          value={values.jsonSchema}
          onChange={(_e, jsonSchema) => set({ jsonSchema })}
          rows={14}
          resizeOrientation="vertical"
          className="pf-v6-u-font-family-monospace"
          spellCheck={false}
          readOnlyVariant={canEdit ? undefined : 'default'}
          validated={feedback.state === 'invalid' ? 'error' : feedback.state === 'valid' ? 'success' : 'default'}
          placeholder={'{\n  "type": "object",\n  "required": ["results"]\n}'}
        />
        <FormHelperText>
          <HelperText>
            {feedback.state === 'invalid' ? (
              <HelperTextItem variant="error">{feedback.message}</HelperTextItem>
            ) : feedback.state === 'valid' ? (
              <HelperTextItem variant="success">Valid JSON. Documents of this URI are validated against it.</HelperTextItem>
            ) : (
              <HelperTextItem>Optional: without one, documents are not validated.</HelperTextItem>
            )}
          </HelperText>
        </FormHelperText>
      </FormGroup>
      {isSaved && <Alert variant="success" isInline title="Schema saved" component="h2" />}
      {canEdit && (
        <ActionGroup>
          <Button type="submit" variant="primary" isLoading={isSaving} isDisabled={isSaving || teams.length === 0}>
            {schema ? 'Save' : 'Create schema'}
          </Button>
        </ActionGroup>
      )}
    </Form>
  );
}
