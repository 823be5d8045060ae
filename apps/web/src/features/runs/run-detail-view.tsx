'use client';

import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  HelperText,
  HelperTextItem,
  Label,
  LabelGroup,
  PageSection,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import CubesIcon from '@patternfly/react-icons/dist/esm/icons/cubes-icon';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import Link from 'next/link';
import { EmptyView } from '../../components/empty-view';
import { JsonViewer } from '../../components/json-viewer';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { formatDuration, formatEpoch, formatJsonValue } from '../../lib/format';
import { AccessBadge } from '../tests/access-badge';
import type { DatasetWithValues, LabelValue, RunExtended } from './find-run';
import { loadDatasetDocument, loadRunDocument } from './runs.actions';
import { describeValidationError } from './validation-errors';

// Past this size a document is not drawn whole in the page (the browser would stall); it is downloaded instead.
const MAX_SHOWN_CHARS = 5 * 1024 * 1024;

export interface RunDetailViewProps {
  /** The run without its document (which arrives as `documentHead`). */
  run: Omit<RunExtended, 'data' | 'metadata'>;
  /** The first part of the pretty-printed document. */
  documentHead: string;
  documentChars: number;
  datasets: ApiResult<{ total: number; datasets: DatasetWithValues[] }>;
}

/** A run's page: what it is, its JSON document, its validation errors, and its datasets with their label values. */
export function RunDetailView({ run, documentHead, documentChars, datasets }: RunDetailViewProps) {
  const schemaName = (id: number) => run.schemas.find((s) => s.id === id)?.name ?? `schema ${id}`;
  return (
    <>
      <PageHeader
        title={`Run ${run.id}`}
        breadcrumbs={[{ label: 'Tests', href: '/' }, { label: run.testname, href: `/tests/${run.testid}` }, { label: `Run ${run.id}` }]}
        description={
          <>
            {run.description ?? `A run of ${run.testname}.`}{' '}
            {run.trashed && (
              <Label color="grey" isCompact>
                Trashed
              </Label>
            )}
          </>
        }
      />
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <DescriptionList isHorizontal isCompact columnModifier={{ lg: '2Col' }} aria-label={`Run ${run.id} details`}>
              <Term term="Test">
                <Link href={`/tests/${run.testid}`}>{run.testname}</Link>
              </Term>
              <Term term="Owner">{run.owner}</Term>
              <Term term="Start">{formatEpoch(run.start)}</Term>
              <Term term="Access">
                <AccessBadge access={run.access} />
              </Term>
              <Term term="Stop">{formatEpoch(run.stop)}</Term>
              <Term term="Duration">{formatDuration(run.stop - run.start)}</Term>
              <Term term="Schemas">
                {run.schemas.length === 0 ? (
                  'None recognised'
                ) : (
                  <LabelGroup numLabels={5}>
                    {[...new Map(run.schemas.map((s) => [s.id, s])).values()].map((s) => (
                      <Label key={s.id} color="blue" isCompact isClickable render={({ className, content }) => <Link className={className} href={`/schemas/${s.id}`}>{content}</Link>}>
                        {s.name}
                      </Label>
                    ))}
                  </LabelGroup>
                )}
              </Term>
              <Term term="Datasets">{run.datasets.length}</Term>
            </DescriptionList>
          </StackItem>
          {(run.validationErrors?.length ?? 0) > 0 && (
            <StackItem>
              <Alert variant="danger" isInline title={`The document does not match its schema (${run.validationErrors!.length} ${run.validationErrors!.length === 1 ? 'error' : 'errors'})`} component="h2">
                <ValidationErrorList errors={run.validationErrors!} schemaName={schemaName} />
              </Alert>
            </StackItem>
          )}
          <StackItem>
            <Title headingLevel="h2">Document</Title>
            <JsonViewer
              title={`run ${run.id} JSON`}
              text={documentHead}
              totalChars={documentChars}
              isTruncated={documentHead.length < documentChars}
              loadAll={documentChars <= MAX_SHOWN_CHARS ? () => loadRunDocument(run.id) : undefined}
              downloadHref={`/runs/${run.id}/data`}
              isExpandedInitially={documentChars <= 64 * 1024}
            />
          </StackItem>
        </Stack>
      </PageSection>
      <PageSection aria-labelledby="datasets-title">
        <Title headingLevel="h2" id="datasets-title" className="pf-v6-u-mb-md">
          Datasets
        </Title>
        {!datasets.isOk ? (
          <ProblemAlert problem={datasets.problem} canRetry={datasets.problem.status >= 500} />
        ) : datasets.data.datasets.length === 0 ? (
          <EmptyView title="No datasets" icon={CubesIcon}>
            {run.trashed
              ? 'A trashed run has no datasets; restoring it transforms it again.'
              : 'The run has not been transformed yet, or none of its schemas is known. Datasets appear once the pipeline has processed it.'}
          </EmptyView>
        ) : (
          <Stack hasGutter>
            {datasets.data.total > datasets.data.datasets.length && (
              <StackItem>
                <Content component="p">
                  Showing the first {datasets.data.datasets.length} of {datasets.data.total} datasets; the{' '}
                  <Link href={`/tests/${run.testid}?tab=datasets`}>test&apos;s Datasets tab</Link> lists them all.
                </Content>
              </StackItem>
            )}
            {datasets.data.datasets.map((d) => (
              <StackItem key={d.dataset.id}>
                <DatasetCard entry={d} count={datasets.data.total} schemaName={schemaName} />
              </StackItem>
            ))}
          </Stack>
        )}
      </PageSection>
    </>
  );
}

function Term({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

function DatasetCard({ entry, count, schemaName }: { entry: DatasetWithValues; count: number; schemaName: (id: number) => string }) {
  const { dataset, labelValues } = entry;
  const title = count === 1 ? 'Dataset' : `Dataset ${dataset.ordinal + 1}`;
  const titleId = `dataset-${dataset.ordinal}-title`;
  return (
    <Card id={`dataset-${dataset.ordinal}`} isCompact aria-labelledby={titleId} component="section">
      <CardTitle>
        <Title headingLevel="h3" id={titleId}>
          {title}{' '}
          {dataset.schemas.map((s) => (
            <Label key={`${s.id}-${s.key ?? ''}`} isCompact color="blue" title={s.uri}>
              {s.name}
            </Label>
          ))}
        </Title>
      </CardTitle>
      <CardBody>
        <Stack hasGutter>
          {(dataset.validationErrors?.length ?? 0) > 0 && (
            <StackItem>
              <Alert variant="danger" isInline isPlain title="The dataset does not match its schema" component="h4">
                <ValidationErrorList errors={dataset.validationErrors!} schemaName={schemaName} />
              </Alert>
            </StackItem>
          )}
          <StackItem>
            {labelValues.isOk ? <LabelValueTable title={title} values={labelValues.data} /> : <ProblemAlert problem={labelValues.problem} />}
          </StackItem>
          <StackItem>
            <JsonViewer title={`${title.toLowerCase()} JSON`} loadAll={() => loadDatasetDocument(dataset.id)} />
          </StackItem>
        </Stack>
      </CardBody>
    </Card>
  );
}

function LabelValueTable({ title, values }: { title: string; values: LabelValue[] }) {
  if (values.length === 0) {
    return <Content component="p">No label values: the schemas of this dataset define no labels yet.</Content>;
  }
  const sorted = [...values].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Table aria-label={`Label values of ${title.toLowerCase()}`} variant="compact" role="table">
      <Thead>
        <Tr>
          <Th width={25}>Label</Th>
          <Th>Value</Th>
          <Th width={20}>Schema</Th>
        </Tr>
      </Thead>
      <Tbody>
        {sorted.map((v) => (
          <Tr key={`${v.schema.id}-${v.id}`}>
            <Td dataLabel="Label">{v.name}</Td>
            <Td dataLabel="Value">
              <LabelValueText value={v.value} error={v.error} />
            </Td>
            <Td dataLabel="Schema">{v.schema.name}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

/** A label value; a missing one says why (the function threw, timed out…) when the pipeline recorded it. */
export function LabelValueText({ value, error }: { value: unknown; error?: string }) {
  if (error) {
    return (
      <HelperText>
        <HelperTextItem variant="error">No value: {error}</HelperTextItem>
      </HelperText>
    );
  }
  const text = formatJsonValue(value);
  if (!text) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="pf-v6-screen-reader">no value</span>
      </>
    );
  }
  return typeof value === 'object' ? <code>{text}</code> : <>{text}</>;
}

function ValidationErrorList({ errors, schemaName }: { errors: { schemaId: number; error: Record<string, unknown> }[]; schemaName: (id: number) => string }) {
  return (
    <ul>
      {errors.map((e, index) => {
        const d = describeValidationError(e.error);
        return (
          <li key={index}>
            {schemaName(e.schemaId)}: {d.where && <code>{d.where}</code>} {d.message}
          </li>
        );
      })}
    </ul>
  );
}

