'use client';

import type { Problem } from '@granary/api-client';
import { previewJsonPath } from '@granary/pipeline/jsonpath-preview';
import {
  Button,
  Divider,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Switch,
  TextInput,
} from '@patternfly/react-core';
import { useId, useMemo, useState, useTransition, type FormEvent } from 'react';
import { FunctionEditor } from '../../components/function-editor';
import { ProblemAlert } from '../../components/problem-alert';
import { parseJsonText } from '../../lib/json-text';
import { ExtractorEditor } from './extractor-editor';
import { fromRows, functionInputHint, toRows, type ExtractorRow } from './extractors';
import type { Label, Transformer } from './find-schemas';
import { saveLabel, saveTransformer } from './schemas.actions';
import { TryIt, type PreviewSource } from './try-it';

type DefinitionModalProps = {
  schemaId: number;
  source: PreviewSource;
  onSourceChange: (source: PreviewSource) => void;
  onClose: () => void;
  /** Called after a save, with what was saved (for the page's message). */
  onSaved: (message: string) => void;
} & ({ kind: 'label'; label?: Label } | { kind: 'transformer'; transformer?: Transformer });

/**
 * Adds or edits a label or a transformer: name, extractors, combination function (with a hint
 * about its input), and a "Try it" preview; labels also say whether they filter and are metrics,
 * transformers which schema their datasets carry.
 */
export function DefinitionModal(props: DefinitionModalProps) {
  const existing = props.kind === 'label' ? props.label : props.transformer;
  const noun = props.kind === 'label' ? 'label' : 'transformer';
  const [name, setName] = useState(existing?.name ?? '');
  const [rows, setRows] = useState<ExtractorRow[]>(() => toRows(existing?.extractors ?? []));
  const [func, setFunc] = useState(existing?.function ?? '');
  const [isFiltering, setIsFiltering] = useState(props.kind === 'label' ? (props.label?.filtering ?? true) : true);
  const [isMetrics, setIsMetrics] = useState(props.kind === 'label' ? (props.label?.metrics ?? true) : true);
  const [description, setDescription] = useState(props.kind === 'transformer' ? (props.transformer?.description ?? '') : '');
  const [targetSchemaUri, setTargetSchemaUri] = useState(props.kind === 'transformer' ? (props.transformer?.targetSchemaUri ?? '') : '');
  const [problem, setProblem] = useState<Problem>();
  const [isSaving, startSaving] = useTransition();
  const titleId = useId();
  const formId = useId();
  const extractors = fromRows(rows);

  // A pasted document is parsed once per edit, then every extractor is previewed against it as it is typed.
  const pasted = useMemo(() => {
    if (props.source.kind !== 'document' || !props.source.document.trim()) {
      return undefined;
    }
    const parsed = parseJsonText(props.source.document);
    return parsed.isOk ? parsed.value : undefined;
  }, [props.source]);
  const preview = pasted === undefined ? undefined : (jsonpath: string, isarray: boolean) => previewJsonPath(pasted, jsonpath, isarray);

  const save = (event: FormEvent) => {
    event.preventDefault();
    startSaving(async () => {
      const common = { name: name.trim(), extractors, ...(func.trim() ? { function: func } : {}) };
      const result =
        props.kind === 'label'
          ? await saveLabel(props.schemaId, {
              ...common,
              ...(props.label ? { id: props.label.id, owner: props.label.owner, access: props.label.access } : {}),
              filtering: isFiltering,
              metrics: isMetrics,
            })
          : await saveTransformer(props.schemaId, {
              ...common,
              ...(props.transformer ? { id: props.transformer.id, owner: props.transformer.owner, access: props.transformer.access } : {}),
              ...(description.trim() ? { description: description.trim() } : {}),
              ...(targetSchemaUri.trim() ? { targetSchemaUri: targetSchemaUri.trim() } : {}),
            });
      if (result.isOk) {
        props.onSaved(
          props.kind === 'label'
            ? `Label ${common.name} saved. Its values are being recalculated for every test with datasets of this schema.`
            : `Transformer ${common.name} saved. Tests that use it transform their runs again.`,
        );
        props.onClose();
      } else {
        setProblem(result.problem);
      }
    });
  };

  const title = existing ? `Edit ${noun} ${existing.name}` : `Add a ${noun}`;
  return (
    <Modal isOpen variant="large" onClose={props.onClose} aria-labelledby={titleId}>
      <ModalHeader title={title} labelId={titleId} />
      <ModalBody>
        <Form id={formId} onSubmit={save}>
          {problem && <ProblemAlert problem={problem} />}
          <FormGroup label="Name" isRequired fieldId={`${formId}-name`}>
            <TextInput id={`${formId}-name`} isRequired value={name} onChange={(_e, value) => setName(value)} maxLength={255} />
            {props.kind === 'label' && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>Labels of the same name in different schemas mean the same thing, as in Horreum.</HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
          {props.kind === 'label' ? (
            <FormGroup fieldId={`${formId}-kind`} label="Use" role="group" isInline>
              <Switch id={`${formId}-filtering`} label="Filtering" isChecked={isFiltering} onChange={(_e, checked) => setIsFiltering(checked)} />
              <Switch id={`${formId}-metrics`} label="Metrics" isChecked={isMetrics} onChange={(_e, checked) => setIsMetrics(checked)} />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>Filtering labels describe the configuration (fingerprints, filters); metrics are what is measured.</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          ) : (
            <>
              <FormGroup label="Description" fieldId={`${formId}-description`}>
                <TextInput id={`${formId}-description`} value={description} onChange={(_e, value) => setDescription(value)} />
              </FormGroup>
              <FormGroup label="Target schema URI" fieldId={`${formId}-target`}>
                <TextInput id={`${formId}-target`} value={targetSchemaUri} onChange={(_e, value) => setTargetSchemaUri(value)} placeholder="urn:my-benchmark-dataset:1.0" />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>The schema the datasets carry (their $schema), so its labels apply to them.</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
            </>
          )}
          <FormSection title="Extractors" titleElement="h3">
            <ExtractorEditor caption={`Extractors of the ${noun}`} rows={rows} onChange={setRows} preview={preview} />
          </FormSection>
          <FunctionEditor
            id={`${formId}-function`}
            label={props.kind === 'label' ? 'Combination function' : 'Transformer function'}
            value={func}
            onChange={setFunc}
            placeholder={props.kind === 'label' ? 'value => value * 1000' : '({ results }) => results.map(r => ({ ...r }))'}
            hint={
              <>
                {functionInputHint(extractors)}{' '}
                {props.kind === 'label'
                  ? 'Leave it empty to store that input as the value.'
                  : 'Return an object for one dataset, or an array of objects for one dataset each.'}{' '}
                It runs on the server in a sandbox, with a time limit.
              </>
            }
          />
        </Form>
        <Divider className="pf-v6-u-my-lg" />
        <TryIt source={props.source} onSourceChange={props.onSourceChange} extractors={extractors} func={func} schemaId={props.schemaId} />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" type="submit" form={formId} isLoading={isSaving} isDisabled={isSaving}>
          Save
        </Button>
        <Button variant="link" onClick={props.onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
