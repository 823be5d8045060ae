'use client';

import { Button, Label, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import TagIcon from '@patternfly/react-icons/dist/esm/icons/tag-icon';
import TopologyIcon from '@patternfly/react-icons/dist/esm/icons/topology-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { ReactNode } from 'react';
import { EmptyView } from '../../components/empty-view';
import type { Extractor } from './extractors';
import type { Label as SchemaLabel, Transformer } from './find-schemas';

interface TableProps<T> {
  items: T[];
  canEdit: boolean;
  onAdd: () => void;
  onEdit: (item: T) => void;
  onDelete: (item: T) => void;
}

/** The Labels tab: each label's extractors, function and use, with add, edit and delete. */
export function LabelTable({ items, canEdit, onAdd, onEdit, onDelete }: TableProps<SchemaLabel>) {
  const add = canEdit ? (
    <Button variant="primary" onClick={onAdd}>
      Add label
    </Button>
  ) : undefined;
  if (items.length === 0) {
    return (
      <EmptyView title="No labels yet" icon={TagIcon} actions={add}>
        A label names a value in the documents of this schema (a throughput, a build id…), extracted with JSONPath and
        optionally combined by a function. Label values fill the test&apos;s table and feed change detection.
      </EmptyView>
    );
  }
  return (
    <>
      {add && <AddToolbar>{add}</AddToolbar>}
      <Table aria-label="Labels" variant="compact" role="table">
        <Thead>
          <Tr>
            <Th>Name</Th>
            <Th>Extractors</Th>
            <Th>Function</Th>
            <Th>Use</Th>
            {canEdit && <Th screenReaderText="Actions" />}
          </Tr>
        </Thead>
        <Tbody>
          {items.map((label) => (
            <Tr key={label.id}>
              <Td dataLabel="Name">{label.name}</Td>
              <Td dataLabel="Extractors">
                <ExtractorList extractors={label.extractors} />
              </Td>
              <Td dataLabel="Function">{label.function ? <code>{shorten(label.function)}</code> : 'None'}</Td>
              <Td dataLabel="Use">
                {label.filtering && (
                  <Label isCompact color="purple">
                    Filtering
                  </Label>
                )}{' '}
                {label.metrics && (
                  <Label isCompact color="teal">
                    Metrics
                  </Label>
                )}
              </Td>
              {canEdit && (
                <Td dataLabel="Actions" isActionCell>
                  <RowActions name={label.name} onEdit={() => onEdit(label)} onDelete={() => onDelete(label)} />
                </Td>
              )}
            </Tr>
          ))}
        </Tbody>
      </Table>
    </>
  );
}

/** The Transformers tab: what turns a run carrying this schema into datasets. */
export function TransformerTable({ items, canEdit, onAdd, onEdit, onDelete }: TableProps<Transformer>) {
  const add = canEdit ? (
    <Button variant="primary" onClick={onAdd}>
      Add transformer
    </Button>
  ) : undefined;
  if (items.length === 0) {
    return (
      <EmptyView title="No transformers yet" icon={TopologyIcon} actions={add}>
        Without a transformer each run is one dataset. A transformer splits or reshapes a run into datasets; a test
        chooses the transformers it uses in its settings.
      </EmptyView>
    );
  }
  return (
    <>
      {add && <AddToolbar>{add}</AddToolbar>}
      <Table aria-label="Transformers" variant="compact" role="table">
        <Thead>
          <Tr>
            <Th>Name</Th>
            <Th>Target schema</Th>
            <Th>Extractors</Th>
            <Th>Function</Th>
            {canEdit && <Th screenReaderText="Actions" />}
          </Tr>
        </Thead>
        <Tbody>
          {items.map((t) => (
            <Tr key={t.id}>
              <Td dataLabel="Name">{t.name}</Td>
              <Td dataLabel="Target schema">{t.targetSchemaUri ? <code>{t.targetSchemaUri}</code> : 'None'}</Td>
              <Td dataLabel="Extractors">
                <ExtractorList extractors={t.extractors} />
              </Td>
              <Td dataLabel="Function">{t.function ? <code>{shorten(t.function)}</code> : 'None'}</Td>
              {canEdit && (
                <Td dataLabel="Actions" isActionCell>
                  <RowActions name={t.name} onEdit={() => onEdit(t)} onDelete={() => onDelete(t)} />
                </Td>
              )}
            </Tr>
          ))}
        </Tbody>
      </Table>
    </>
  );
}

function AddToolbar({ children }: { children: ReactNode }) {
  return (
    <Toolbar>
      <ToolbarContent>
        <ToolbarItem>{children}</ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}

function RowActions({ name, onEdit, onDelete }: { name: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <Button variant="secondary" size="sm" onClick={onEdit} aria-label={`Edit ${name}`}>
        Edit
      </Button>{' '}
      <Button variant="secondary" isDanger size="sm" onClick={onDelete} aria-label={`Delete ${name}`}>
        Delete
      </Button>
    </>
  );
}

function ExtractorList({ extractors }: { extractors: readonly Extractor[] }) {
  if (extractors.length === 0) {
    return <>None</>;
  }
  return (
    <ul className="pf-v6-u-m-0 pf-v6-u-pl-0" style={{ listStyle: 'none' }}>
      {extractors.map((e) => (
        <li key={e.name}>
          {e.name}: <code>{e.jsonpath}</code>
          {e.isarray ? ' (all matches)' : ''}
        </li>
      ))}
    </ul>
  );
}

function shorten(code: string, max = 80): string {
  const oneLine = code.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
