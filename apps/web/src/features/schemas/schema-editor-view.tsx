'use client';

import { Alert, AlertActionCloseButton, Button, PageSection, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmModal } from '../../components/confirm-modal';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { DefinitionModal } from './definition-modal';
import { LabelTable, TransformerTable } from './definition-tables';
import type { Label, Schema, Transformer } from './find-schemas';
import { SchemaGeneralForm } from './schema-general-form';
import type { SchemaTab } from './schema-list-query';
import { deleteLabel, deleteSchema, deleteTransformer } from './schemas.actions';
import { EMPTY_SOURCE, type PreviewSource } from './try-it';


export type SchemaEditorViewProps =
  | { mode: 'new'; teams: string[]; canEdit: boolean }
  | {
      mode: 'edit';
      schema: Schema;
      labels: ApiResult<Label[]>;
      transformers: ApiResult<Transformer[]>;
      teams: string[];
      canEdit: boolean;
      tab: SchemaTab;
    };

type Editing =
  | { kind: 'label'; label?: Label }
  | { kind: 'transformer'; transformer?: Transformer }
  | { kind: 'delete-label'; label: Label }
  | { kind: 'delete-transformer'; transformer: Transformer }
  | { kind: 'delete-schema' };

/** The schema editor: its general fields, its labels and its transformers. */
export function SchemaEditorView(props: SchemaEditorViewProps) {
  const [tab, setTab] = useState<SchemaTab>(props.mode === 'edit' ? props.tab : 'general');
  const [editing, setEditing] = useState<Editing>();
  const [message, setMessage] = useState<string>();
  // What "Try it" evaluates against stays while modals open and close.
  const [source, setSource] = useState<PreviewSource>(EMPTY_SOURCE);
  const router = useRouter();

  if (props.mode === 'new') {
    return (
      <>
        <PageHeader
          title="New schema"
          breadcrumbs={[{ label: 'Schemas', href: '/schemas' }, { label: 'New schema' }]}
          description="Name the schema and give it the URI your documents carry in $schema; add labels and transformers once it exists."
        />
        <PageSection>
          <SchemaGeneralForm teams={props.teams} canEdit={props.canEdit} />
        </PageSection>
      </>
    );
  }

  const { schema, labels, transformers, canEdit } = props;
  const selectTab = (next: SchemaTab) => {
    setTab(next);
    // The tab is view state: keep it in the URL without asking the server again.
    window.history.replaceState(null, '', next === 'general' ? `/schemas/${schema.id}` : `/schemas/${schema.id}?tab=${next}`);
  };
  const close = () => setEditing(undefined);
  const count = (result: ApiResult<unknown[]>) => (result.isOk ? ` (${result.data.length})` : '');

  return (
    <>
      <PageHeader
        title={schema.name}
        breadcrumbs={[{ label: 'Schemas', href: '/schemas' }, { label: schema.name }]}
        description={
          <>
            <code>{schema.uri}</code>
            {schema.description ? ` · ${schema.description}` : ''}
          </>
        }
        actions={
          canEdit ? (
            <Button variant="secondary" isDanger onClick={() => setEditing({ kind: 'delete-schema' })}>
              Delete schema
            </Button>
          ) : undefined
        }
      />
      {message && (
        <PageSection>
          <Alert variant="success" isInline title={message} component="h2" actionClose={<AlertActionCloseButton onClose={() => setMessage(undefined)} />} />
        </PageSection>
      )}
      <PageSection>
        <Tabs activeKey={tab} onSelect={(_e, key) => selectTab(key as SchemaTab)} aria-label={`Sections of schema ${schema.name}`}>
          <Tab eventKey="general" title={<TabTitleText>General</TabTitleText>}>
            <div className="pf-v6-u-pt-md">
              <SchemaGeneralForm schema={schema} teams={props.teams} canEdit={canEdit} />
            </div>
          </Tab>
          <Tab eventKey="labels" title={<TabTitleText>Labels{count(labels)}</TabTitleText>}>
            <div className="pf-v6-u-pt-md">
              {labels.isOk ? (
                <LabelTable
                  items={labels.data}
                  canEdit={canEdit}
                  onAdd={() => setEditing({ kind: 'label' })}
                  onEdit={(label) => setEditing({ kind: 'label', label })}
                  onDelete={(label) => setEditing({ kind: 'delete-label', label })}
                />
              ) : (
                <ProblemAlert problem={labels.problem} canRetry={labels.problem.status >= 500} />
              )}
            </div>
          </Tab>
          <Tab eventKey="transformers" title={<TabTitleText>Transformers{count(transformers)}</TabTitleText>}>
            <div className="pf-v6-u-pt-md">
              {transformers.isOk ? (
                <TransformerTable
                  items={transformers.data}
                  canEdit={canEdit}
                  onAdd={() => setEditing({ kind: 'transformer' })}
                  onEdit={(transformer) => setEditing({ kind: 'transformer', transformer })}
                  onDelete={(transformer) => setEditing({ kind: 'delete-transformer', transformer })}
                />
              ) : (
                <ProblemAlert problem={transformers.problem} canRetry={transformers.problem.status >= 500} />
              )}
            </div>
          </Tab>
        </Tabs>
      </PageSection>
      {editing?.kind === 'label' && (
        <DefinitionModal kind="label" label={editing.label} schemaId={schema.id} source={source} onSourceChange={setSource} onClose={close} onSaved={setMessage} />
      )}
      {editing?.kind === 'transformer' && (
        <DefinitionModal
          kind="transformer"
          transformer={editing.transformer}
          schemaId={schema.id}
          source={source}
          onSourceChange={setSource}
          onClose={close}
          onSaved={setMessage}
        />
      )}
      {editing?.kind === 'delete-label' && (
        <ConfirmModal title={`Delete label ${editing.label.name}?`} confirmLabel="Delete" isDanger onConfirm={() => deleteLabel(schema.id, editing.label.id)} onClose={close}>
          Its values disappear from every test with datasets of this schema. Fingerprints and change detection that use it
          stop working until a label of the same name exists again.
        </ConfirmModal>
      )}
      {editing?.kind === 'delete-transformer' && (
        <ConfirmModal
          title={`Delete transformer ${editing.transformer.name}?`}
          confirmLabel="Delete"
          isDanger
          onConfirm={() => deleteTransformer(schema.id, editing.transformer.id)}
          onClose={close}
        >
          Tests that use it stop using it. The API refuses while a test still uses it: change the test&apos;s settings first.
        </ConfirmModal>
      )}
      {editing?.kind === 'delete-schema' && (
        <ConfirmModal
          title={`Delete schema ${schema.name}?`}
          confirmLabel="Delete"
          isDanger
          onConfirm={async () => {
            const result = await deleteSchema(schema.id);
            if (result.isOk) {
              router.push('/schemas');
            }
            return result;
          }}
          onClose={close}
        >
          Its labels and transformers are deleted with it, and the label values they computed. Runs and their documents
          stay.
        </ConfirmModal>
      )}
    </>
  );
}
