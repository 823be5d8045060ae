'use client';

import type { Problem } from '@granary/api-client';
import {
  Button,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { FunctionEditor } from '../../components/function-editor';
import { MultiSelect, type MultiSelectOption } from '../../components/multi-select';
import { ProblemAlert } from '../../components/problem-alert';
import { formProblem, type ApiResult } from '../../lib/api-result';
import type { LabelInfo } from '../tests/find-test-detail';
import { fromRuleDraft, validateRuleDraft, type MissingDataRule, type RuleDraft, type RuleProblem } from './missing-data-rule-form';
import { saveMissingDataRule } from './notifications.actions';
import { STALENESS_UNITS, UNIT_TITLES, type StalenessUnit } from './staleness';

const FORM_ID = 'missing-data-rule-form';

interface RuleModalProps {
  testId: number;
  initial: RuleDraft;
  /** The test's rules, so two do not share a name. */
  others: readonly MissingDataRule[];
  labelNames: ApiResult<LabelInfo[]>;
  onClose: () => void;
}

/** Adds or edits a missing data rule: name, labels, condition, maximum staleness (number and unit). */
export function RuleModal({ testId, initial, others, labelNames, onClose }: RuleModalProps) {
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const [isSaving, startSaving] = useTransition();
  const titleId = useId();
  const isNew = initial.id === undefined || initial.id < 0;
  const problemOf = (field: RuleProblem['field']) => problems.find((p) => p.field === field)?.message;
  // Once the messages show, they follow the typing, so a fixed field loses its message at once.
  const edit = (change: (d: RuleDraft) => RuleDraft) => {
    const next = change(draft);
    setDraft(next);
    if (problems.length > 0) {
      const found = validateRuleDraft(next, others);
      setProblems(found);
      if (found.length === 0) {
        setProblem(undefined);
      }
    }
  };

  const labelOptions: MultiSelectOption[] = labelNames.isOk
    ? [...labelNames.data].sort((a, b) => a.name.localeCompare(b.name)).map((l) => ({ value: l.name, label: l.name, description: l.schemas.map((s) => s.name).join(', ') }))
    : [];
  for (const name of draft.labels) {
    if (!labelOptions.some((o) => o.value === name)) {
      labelOptions.push({ value: name, label: name, description: 'no schema defines this label now' });
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateRuleDraft(draft, others);
    setProblems(found);
    if (found.length > 0) {
      setProblem(formProblem('The rule is incomplete; see the messages by the fields.'));
      return;
    }
    startSaving(async () => {
      const result = await saveMissingDataRule(testId, fromRuleDraft(draft, testId));
      if (result.isOk) {
        onClose();
      } else {
        setProblem(result.problem);
      }
    });
  };

  const closeOnEscape = (event: KeyboardEvent) => {
    if (!isInOpenMenu(event.target)) {
      onClose();
    }
  };

  return (
    <Modal isOpen variant="medium" onClose={onClose} onEscapePress={closeOnEscape} aria-labelledby={titleId}>
      <ModalHeader title={isNew ? 'Add missing data rule' : `Edit rule ${initial.name || initial.id}`} labelId={titleId} />
      <ModalBody>
        {/* The footer's Save button submits this form (form=), so Enter in a field does too. */}
        <Form id={FORM_ID} onSubmit={submit}>
          {problem && <ProblemAlert problem={problem} />}
          {!labelNames.isOk && <ProblemAlert problem={labelNames.problem} />}
          <FormGroup label="Name" isRequired fieldId="rule-name">
            <TextInput
              id="rule-name"
              isRequired
              value={draft.name}
              onChange={(_event, name) => edit((d) => ({ ...d, name }))}
              validated={problemOf('name') ? 'error' : 'default'}
              maxLength={300}
            />
            <FieldHelp message={problemOf('name')} hint="E-mails about missing data name the rule." />
          </FormGroup>
          <FormGroup label="Labels" fieldId="rule-labels">
            <MultiSelect
              id="rule-labels"
              ariaLabel="Labels of the rule"
              options={labelOptions}
              selected={draft.labels}
              onChange={(labels) => edit((d) => ({ ...d, labels }))}
              placeholder="No labels: every dataset counts"
              isInline
            />
            <FieldHelp hint="The label values the condition reads." />
          </FormGroup>
          <div>
            <FunctionEditor
              id="rule-condition"
              label="Condition"
              value={draft.condition}
              onChange={(condition) => edit((d) => ({ ...d, condition }))}
              placeholder={'arch => arch === "x86_64"'}
              rows={3}
              hint="Receives the label's value (several labels: an object keyed by label name) and returns true for datasets that count. Empty: every dataset counts."
            />
            <FieldHelp message={problemOf('condition')} />
          </div>
          <FormGroup label="Maximum staleness" isRequired fieldId="rule-staleness">
            <Flex spaceItems={{ default: 'spaceItemsSm' }} flexWrap={{ default: 'nowrap' }}>
              <FlexItem>
                <TextInput
                  id="rule-staleness"
                  type="number"
                  min={0}
                  step="any"
                  isRequired
                  value={draft.staleness.amount}
                  onChange={(_event, amount) => edit((d) => ({ ...d, staleness: { ...d.staleness, amount } }))}
                  validated={problemOf('staleness') ? 'error' : 'default'}
                />
              </FlexItem>
              <FlexItem>
                <FormSelect
                  id="rule-staleness-unit"
                  aria-label="Unit of the maximum staleness"
                  value={draft.staleness.unit}
                  onChange={(_event, unit) => edit((d) => ({ ...d, staleness: { ...d.staleness, unit: unit as StalenessUnit } }))}
                >
                  {STALENESS_UNITS.map((unit) => (
                    <FormSelectOption key={unit} value={unit} label={UNIT_TITLES[unit]} />
                  ))}
                </FormSelect>
              </FlexItem>
            </Flex>
            <FieldHelp
              message={problemOf('staleness')}
              hint="The longest time without a new matching dataset (by its start) before subscribers are told. Saving evaluates the rule over the test's datasets again."
            />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" type="submit" form={FORM_ID} isLoading={isSaving} isDisabled={isSaving}>
          Save
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** Escape in the labels menu (or on its open toggle) closes the menu only, not the modal. */
function isInOpenMenu(target: EventTarget | null): boolean {
  return target instanceof Element && (target.closest('[role="menu"]') !== null || target.closest('[aria-expanded="true"]') !== null);
}

function FieldHelp({ message, hint }: { message?: string; hint?: string }) {
  if (!message && !hint) {
    return null;
  }
  return (
    <FormHelperText>
      <HelperText>
        {message && <HelperTextItem variant="error">{message}</HelperTextItem>}
        {hint && <HelperTextItem>{hint}</HelperTextItem>}
      </HelperText>
    </FormHelperText>
  );
}
