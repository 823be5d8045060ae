'use client';

import type { Problem } from '@granary/api-client';
import { previewLabelInput } from '@granary/pipeline/jsonpath-preview';
import {
  Alert,
  Button,
  CodeBlock,
  CodeBlockCode,
  ExpandableSection,
  Flex,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Radio,
  Stack,
  StackItem,
  TextArea,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { useId, useState, useTransition } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { parseJsonText, prettyJson } from '../../lib/json-text';
import type { Extractor } from './extractors';
import { previewLabel, type LabelPreviewRequest } from './schemas.actions';

/** What "Try it" evaluates against; kept by the schema editor so it survives closing a modal. */
export interface PreviewSource {
  kind: 'run' | 'dataset' | 'document';
  /** The run or dataset id, as typed. */
  id: string;
  /** The pasted JSON document, as typed. */
  document: string;
}

export const EMPTY_SOURCE: PreviewSource = { kind: 'document', id: '', document: '' };

type Outcome =
  | { kind: 'server'; value: unknown; error?: string; output?: string }
  | { kind: 'browser'; value: unknown; error?: string; hasFunction: boolean }
  | { kind: 'problem'; problem: Problem };

interface TryItProps {
  source: PreviewSource;
  onSourceChange: (source: PreviewSource) => void;
  extractors: Extractor[];
  /** The combination function, '' for none. */
  func: string;
  schemaId: number;
}

// Answers of the preview endpoint that mean "the API cannot preview now" rather than "your input is wrong".
const UNAVAILABLE = new Set([404, 405, 501, 502, 503, 504]);

/**
 * "Try it": computes the label being edited on a run, a dataset or a pasted document, on the
 * server (`POST /api/labels/preview`), as the pipeline would. When the server cannot, a pasted
 * document's extractors are evaluated in the browser instead, and the result says so.
 */
export function TryIt({ source, onSourceChange, extractors, func, schemaId }: TryItProps) {
  const [outcome, setOutcome] = useState<Outcome>();
  const [isRunning, startRunning] = useTransition();
  const name = useId();
  const parsedDocument = source.kind === 'document' && source.document.trim() ? parseJsonText(source.document) : undefined;
  const id = /^\d+$/.test(source.id.trim()) ? Number(source.id.trim()) : undefined;
  const canRun = source.kind === 'document' ? parsedDocument?.isOk === true : id !== undefined;

  const run = () =>
    startRunning(async () => {
      const label = { extractors, schemaId, ...(func.trim() ? { function: func } : {}) };
      const target = source.kind === 'run' ? { runId: id } : source.kind === 'dataset' ? { datasetId: id } : { document: parsedDocument?.isOk ? parsedDocument.value : {} };
      // The contract types `function` and `document` as bare objects (any JSON in fact); the API takes a string and any JSON.
      const result = await previewLabel({ label, ...target } as unknown as LabelPreviewRequest);
      if (result.isOk) {
        setOutcome({ kind: 'server', value: result.data.value, error: result.data.error, output: result.data.output });
        return;
      }
      if (source.kind === 'document' && parsedDocument?.isOk && UNAVAILABLE.has(result.problem.status)) {
        const local = previewLabelInput(parsedDocument.value, extractors);
        setOutcome({ kind: 'browser', value: 'value' in local ? local.value : undefined, error: 'error' in local ? local.error : undefined, hasFunction: func.trim() !== '' });
        return;
      }
      setOutcome({ kind: 'problem', problem: result.problem });
    });

  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h3" size="md">
          Try it
        </Title>
      </StackItem>
      <StackItem>
        <FormGroup role="radiogroup" fieldId={`${name}-kind`} label="Evaluate on">
          <Flex columnGap={{ default: 'columnGapLg' }}>
            <Radio id={`${name}-document`} name={name} label="Pasted JSON" isChecked={source.kind === 'document'} onChange={() => onSourceChange({ ...source, kind: 'document' })} />
            <Radio id={`${name}-run`} name={name} label="A run" isChecked={source.kind === 'run'} onChange={() => onSourceChange({ ...source, kind: 'run' })} />
            <Radio id={`${name}-dataset`} name={name} label="A dataset" isChecked={source.kind === 'dataset'} onChange={() => onSourceChange({ ...source, kind: 'dataset' })} />
          </Flex>
        </FormGroup>
      </StackItem>
      <StackItem>
        {source.kind === 'document' ? (
          <FormGroup label="JSON document" fieldId={`${name}-json`}>
            <TextArea
              id={`${name}-json`}
              value={source.document}
              onChange={(_e, document) => onSourceChange({ ...source, document })}
              rows={6}
              resizeOrientation="vertical"
              className="pf-v6-u-font-family-monospace"
              spellCheck={false}
              placeholder={'{ "results": { "throughput": 1234.5 } }'}
              validated={parsedDocument && !parsedDocument.isOk ? 'error' : 'default'}
            />
            <FormHelperText>
              <HelperText>
                {parsedDocument && !parsedDocument.isOk ? (
                  <HelperTextItem variant="error">{parsedDocument.message}</HelperTextItem>
                ) : (
                  <HelperTextItem>Paste a document: each extractor shows what it finds as you type (evaluated in the browser).</HelperTextItem>
                )}
              </HelperText>
            </FormHelperText>
          </FormGroup>
        ) : (
          <FormGroup label={source.kind === 'run' ? 'Run id' : 'Dataset id'} fieldId={`${name}-id`}>
            <TextInput id={`${name}-id`} type="number" min={1} value={source.id} onChange={(_e, value) => onSourceChange({ ...source, id: value })} />
          </FormGroup>
        )}
      </StackItem>
      <StackItem>
        <Button variant="secondary" onClick={run} isDisabled={!canRun || isRunning} isLoading={isRunning}>
          Try it
        </Button>
      </StackItem>
      <StackItem aria-live="polite">{outcome && <OutcomeView outcome={outcome} />}</StackItem>
    </Stack>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'problem') {
    return <ProblemAlert problem={outcome.problem} />;
  }
  return (
    <Stack hasGutter>
      {outcome.kind === 'browser' && (
        <StackItem>
          <Alert variant="info" isInline isPlain title="Evaluated in the browser" component="h4">
            The server could not preview the label just now, so the extractors were evaluated here, with PostgreSQL&apos;s
            rules for the common part of its JSONPath.
            {outcome.hasFunction ? ' This is the input of the function: the function itself runs on the server only.' : ''}
          </Alert>
        </StackItem>
      )}
      {outcome.error ? (
        <StackItem>
          <Alert variant="danger" isInline title="No value" component="h4">
            {outcome.error}
          </Alert>
        </StackItem>
      ) : (
        <StackItem>
          <Title headingLevel="h4" size="md">
            {outcome.kind === 'browser' && outcome.hasFunction ? 'Function input' : 'Value'}
          </Title>
          <CodeBlock>
            <CodeBlockCode>{prettyJson(outcome.value ?? null)}</CodeBlockCode>
          </CodeBlock>
        </StackItem>
      )}
      {outcome.kind === 'server' && outcome.output && (
        <StackItem>
          <ExpandableSection toggleText="Function output">
            <CodeBlock>
              <CodeBlockCode>{outcome.output}</CodeBlockCode>
            </CodeBlock>
          </ExpandableSection>
        </StackItem>
      )}
    </Stack>
  );
}
