'use client';

import type { Problem } from '@granary/api-client';
import {
  ActionGroup,
  Alert,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  HelperText,
  HelperTextItem,
} from '@patternfly/react-core';
import { useState, useTransition, type FormEvent } from 'react';
import { FunctionEditor } from '../../components/function-editor';
import { MultiSelect, type MultiSelectOption } from '../../components/multi-select';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import type { LabelInfo, Test, TransformerInfo } from './find-test-detail';
import { saveTestSettings } from './tests.actions';

interface TestSettingsFormProps {
  test: Test;
  canEdit: boolean;
  labelNames: ApiResult<LabelInfo[]>;
  transformers: ApiResult<TransformerInfo[]>;
}

const sameSet = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/** The Settings tab: fingerprint and timeline labels with their functions, and the transformers the test uses. */
export function TestSettingsForm({ test, canEdit, labelNames, transformers }: TestSettingsFormProps) {
  const initialTransformers = (test.transformers ?? []).map((t) => String(t.id));
  const [fingerprintLabels, setFingerprintLabels] = useState<string[]>(test.fingerprintLabels);
  const [fingerprintFilter, setFingerprintFilter] = useState(test.fingerprintFilter ?? '');
  const [timelineLabels, setTimelineLabels] = useState<string[]>(test.timelineLabels);
  const [timelineFunction, setTimelineFunction] = useState(test.timelineFunction ?? '');
  const [transformerIds, setTransformerIds] = useState<string[]>(initialTransformers);
  const [problem, setProblem] = useState<Problem>();
  const [isSaved, setIsSaved] = useState(false);
  const [isSaving, startSaving] = useTransition();

  const labelOptions: MultiSelectOption[] = labelNames.isOk
    ? labelNames.data.map((l) => ({ value: l.name, label: l.name, description: l.schemas.map((s) => s.name).join(', ') }))
    : [];
  // Labels chosen earlier stay choosable even when no schema defines them now.
  for (const name of [...test.fingerprintLabels, ...test.timelineLabels]) {
    if (!labelOptions.some((o) => o.value === name)) {
      labelOptions.push({ value: name, label: name, description: 'no schema defines this label now' });
    }
  }
  const transformerOptions: MultiSelectOption[] = transformers.isOk
    ? transformers.data.map((t) => ({ value: String(t.transformerId), label: t.transformerName, description: `schema ${t.schemaName} (${t.schemaUri})` }))
    : (test.transformers ?? []).map((t) => ({ value: String(t.id), label: t.name, description: `schema ${t.schemaName}` }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    setIsSaved(false);
    startSaving(async () => {
      const result = await saveTestSettings(
        {
          id: test.id,
          name: test.name,
          owner: test.owner,
          access: test.access,
          description: test.description,
          folder: test.folder,
          compareUrl: test.compareUrl,
          notificationsEnabled: test.notificationsEnabled,
          fingerprintLabels,
          fingerprintFilter: fingerprintFilter.trim() || undefined,
          timelineLabels,
          timelineFunction: timelineFunction.trim() || undefined,
        },
        sameSet(transformerIds, initialTransformers) ? undefined : transformerIds.map(Number),
      );
      setProblem(result.isOk ? undefined : result.problem);
      setIsSaved(result.isOk);
    });
  };

  if (!canEdit) {
    const orNone = (items: readonly string[]) => (items.length ? items.join(', ') : 'None');
    return (
      <DescriptionList isHorizontal aria-label="Test settings">
        <DescriptionListGroup>
          <DescriptionListTerm>Fingerprint labels</DescriptionListTerm>
          <DescriptionListDescription>{orNone(test.fingerprintLabels)}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Fingerprint filter</DescriptionListTerm>
          <DescriptionListDescription>{test.fingerprintFilter ? <code>{test.fingerprintFilter}</code> : 'None'}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Timeline labels</DescriptionListTerm>
          <DescriptionListDescription>{orNone(test.timelineLabels)}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Timeline function</DescriptionListTerm>
          <DescriptionListDescription>{test.timelineFunction ? <code>{test.timelineFunction}</code> : 'None'}</DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>Transformers</DescriptionListTerm>
          <DescriptionListDescription>{orNone((test.transformers ?? []).map((t) => t.name))}</DescriptionListDescription>
        </DescriptionListGroup>
      </DescriptionList>
    );
  }

  return (
    <Form onSubmit={save} maxWidth="56rem">
      {!labelNames.isOk && <ProblemAlert problem={labelNames.problem} />}
      <FormSection title="Fingerprint" titleElement="h2">
        <FormGroup label="Fingerprint labels" fieldId="fingerprint-labels">
          <MultiSelect
            id="fingerprint-labels"
            ariaLabel="Fingerprint labels"
            options={labelOptions}
            selected={fingerprintLabels}
            onChange={setFingerprintLabels}
            placeholder="No fingerprint labels"
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>Datasets with the same values of these labels form one series for change detection.</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FunctionEditor
          id="fingerprint-filter"
          label="Fingerprint filter"
          value={fingerprintFilter}
          onChange={setFingerprintFilter}
          placeholder={'value => value.arch === "x86_64"'}
          rows={3}
          hint="Receives the fingerprint: the value of the one fingerprint label, or an object keyed by label name for several. Return false to keep a dataset out of change detection. Empty: every dataset counts."
        />
      </FormSection>
      <FormSection title="Timeline" titleElement="h2">
        <FormGroup label="Timeline labels" fieldId="timeline-labels">
          <MultiSelect id="timeline-labels" ariaLabel="Timeline labels" options={labelOptions} selected={timelineLabels} onChange={setTimelineLabels} placeholder="No timeline labels: runs are ordered by start" />
        </FormGroup>
        <FunctionEditor
          id="timeline-function"
          label="Timeline function"
          value={timelineFunction}
          onChange={setTimelineFunction}
          placeholder="timestamp => timestamp"
          rows={3}
          hint="Receives the timeline label values (one label: its value; several: an object keyed by label name) and returns the time that orders datapoints, as epoch milliseconds or ISO-8601."
        />
      </FormSection>
      <FormSection title="Transformers" titleElement="h2">
        <FormGroup label="Transformers" fieldId="test-transformers">
          {!transformers.isOk && <ProblemAlert problem={transformers.problem} />}
          <MultiSelect id="test-transformers" ariaLabel="Transformers" options={transformerOptions} selected={transformerIds} onChange={setTransformerIds} placeholder="No transformers: each run is one dataset" />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>Transformers turn each run into datasets. Changing them transforms every run of the test again.</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
      </FormSection>
      {problem && <ProblemAlert problem={problem} />}
      {isSaved && (
        <Alert variant="success" isInline title="Settings saved" component="h2">
          What the change affects is recalculated in the background; the progress shows above.
        </Alert>
      )}
      <ActionGroup>
        <Button type="submit" variant="primary" isLoading={isSaving} isDisabled={isSaving}>
          Save
        </Button>
      </ActionGroup>
    </Form>
  );
}
