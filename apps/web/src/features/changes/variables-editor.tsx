'use client';

import type { Problem } from '@granary/api-client';
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Form,
  FormFieldGroup,
  FormFieldGroupHeader,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import ChartLineIcon from '@patternfly/react-icons/dist/esm/icons/chart-line-icon';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import TrashIcon from '@patternfly/react-icons/dist/esm/icons/trash-icon';
import { useEffect, useState, useTransition, type FormEvent } from 'react';
import { EmptyView } from '../../components/empty-view';
import { FunctionEditor } from '../../components/function-editor';
import { MultiSelect, type MultiSelectOption } from '../../components/multi-select';
import { ProblemAlert } from '../../components/problem-alert';
import { formProblem, type ApiResult } from '../../lib/api-result';
import type { LabelInfo } from '../tests/find-test-detail';
import type { ConditionConfig, Variable } from './change-types';
import { saveVariables } from './changes.actions';
import { ConditionFields } from './condition-fields';
import { DetectionProgress } from './detection-progress';
import { describeCondition, fromDrafts, newCondition, newVariable, toDrafts, validateDrafts, type DraftProblem, type VariableDraft } from './variable-form';

interface VariablesEditorProps {
  testId: number;
  canEdit: boolean;
  variables: Variable[];
  models: ConditionConfig[];
  defaults: { model: string; config: Record<string, unknown> }[];
  labelNames: ApiResult<LabelInfo[]>;
}

/**
 * The Change detection tab: the test's variables (label, group, models with their parameters),
 * saved as a whole list; saving re-runs detection over the whole history, with progress.
 * Viewers see the same, read-only.
 */
export function VariablesEditor({ testId, canEdit, variables, models, defaults, labelNames }: VariablesEditorProps) {
  const [drafts, setDrafts] = useState<VariableDraft[]>(() => toDrafts(variables));
  const [invalidConditions, setInvalidConditions] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const [run, setRun] = useState(0);
  const [isSaving, startSaving] = useTransition();

  // A new render of the page (after saving) brings the variables with their ids.
  useEffect(() => {
    setDrafts(toDrafts(variables));
    setInvalidConditions(new Set());
  }, [variables]);

  if (!canEdit) {
    return <VariablesReadOnly variables={variables} models={models} />;
  }

  const labelOptions: MultiSelectOption[] = labelNames.isOk
    ? [...labelNames.data]
        .sort((a, b) => Number(b.metrics) - Number(a.metrics) || a.name.localeCompare(b.name))
        .map((l) => ({ value: l.name, label: l.name, description: `${l.metrics ? 'metric; ' : ''}${l.schemas.map((s) => s.name).join(', ')}` }))
    : [];
  for (const name of drafts.flatMap((d) => d.labels)) {
    if (!labelOptions.some((o) => o.value === name)) {
      labelOptions.push({ value: name, label: name, description: 'no schema defines this label now' });
    }
  }

  const update = (key: string, change: (d: VariableDraft) => VariableDraft) => setDrafts((all) => all.map((d) => (d.key === key ? change(d) : d)));
  const setConditionValidity = (key: string, isValid: boolean) =>
    setInvalidConditions((all) => {
      const next = new Set(all);
      if (isValid) {
        next.delete(key);
      } else {
        next.add(key);
      }
      return next;
    });
  const problemOf = (key: string, field: DraftProblem['field']) => problems.find((p) => p.variableKey === key && p.field === field)?.message;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const found = validateDrafts(drafts);
    setProblems(found);
    if (found.length > 0 || invalidConditions.size > 0) {
      setProblem(formProblem(found.length > 0 ? 'Some variables are incomplete; see the messages by the fields.' : 'Some model parameters are out of range; see the messages by the fields.'));
      return;
    }
    startSaving(async () => {
      const result = await saveVariables(testId, fromDrafts(drafts, testId));
      setProblem(result.isOk ? undefined : result.problem);
      if (result.isOk) {
        setRun((n) => n + 1);
      }
    });
  };

  return (
    <Form onSubmit={save} maxWidth="64rem" aria-label="Change detection variables">
      {!labelNames.isOk && <ProblemAlert problem={labelNames.problem} />}
      {drafts.length === 0 && (
        <EmptyView title="No variables yet" icon={ChartLineIcon}>
          A variable is a label whose values change detection watches, per fingerprint, with one or more models.
        </EmptyView>
      )}
      {drafts.map((draft, index) => {
        const context = draft.name.trim() || `variable ${index + 1}`;
        return (
          <Card key={draft.key} isCompact component="section" aria-label={`Variable ${context}`}>
            <CardHeader
              actions={{
                actions: (
                  <Button variant="link" isDanger icon={<TrashIcon />} onClick={() => setDrafts((all) => all.filter((d) => d.key !== draft.key))}>
                    Remove variable {context}
                  </Button>
                ),
              }}
            >
              <CardTitle>
                <Title headingLevel="h2" size="lg">
                  Variable {context}
                </Title>
              </CardTitle>
            </CardHeader>
            <CardBody>
              <Stack hasGutter>
                <StackItem>
                  <Flex spaceItems={{ default: 'spaceItemsLg' }}>
                    <FlexItem grow={{ default: 'grow' }}>
                      <FormGroup label="Name" isRequired fieldId={`${draft.key}-name`}>
                        <TextInput
                          id={`${draft.key}-name`}
                          isRequired
                          value={draft.name}
                          onChange={(_event, name) => update(draft.key, (d) => ({ ...d, name }))}
                          validated={problemOf(draft.key, 'name') ? 'error' : 'default'}
                        />
                        <FieldError message={problemOf(draft.key, 'name')} />
                      </FormGroup>
                    </FlexItem>
                    <FlexItem grow={{ default: 'grow' }}>
                      <FormGroup label="Group" fieldId={`${draft.key}-group`}>
                        <TextInput id={`${draft.key}-group`} value={draft.group} onChange={(_event, group) => update(draft.key, (d) => ({ ...d, group }))} placeholder="Charts of one group show together" />
                      </FormGroup>
                    </FlexItem>
                  </Flex>
                </StackItem>
                <StackItem>
                  <FormGroup label="Labels" isRequired fieldId={`${draft.key}-labels`}>
                    <MultiSelect
                      id={`${draft.key}-labels`}
                      ariaLabel={`Labels of ${context}`}
                      options={labelOptions}
                      selected={draft.labels}
                      onChange={(labels) => update(draft.key, (d) => ({ ...d, labels }))}
                      placeholder="Choose the metric label"
                    />
                    <FieldError message={problemOf(draft.key, 'labels')} hint="The label values that form the datapoints; several labels are combined by the calculation." />
                  </FormGroup>
                </StackItem>
                {(draft.labels.length > 1 || draft.calculation) && (
                  <StackItem>
                    <FunctionEditor
                      id={`${draft.key}-calculation`}
                      label={`Calculation of ${context}`}
                      value={draft.calculation}
                      onChange={(calculation) => update(draft.key, (d) => ({ ...d, calculation }))}
                      placeholder="values => values.throughput / values.threads"
                      rows={3}
                      hint="Receives the label value (several labels: an object keyed by label name) and returns the datapoint's number. Empty: the value as is."
                    />
                  </StackItem>
                )}
                {draft.conditions.map((condition, conditionIndex) => {
                  const model = models.find((m) => m.name === condition.model);
                  const conditionContext = `${context}, model ${conditionIndex + 1}`;
                  return (
                    <StackItem key={condition.key}>
                      <FormFieldGroup
                        header={
                          <FormFieldGroupHeader
                            titleText={{ text: `Model ${conditionIndex + 1}: ${model?.title ?? condition.model}`, id: `${condition.key}-title` }}
                            titleDescription={model?.description}
                            actions={
                              <Button
                                variant="link"
                                isDanger
                                icon={<TrashIcon />}
                                onClick={() => {
                                  setConditionValidity(condition.key, true);
                                  update(draft.key, (d) => ({ ...d, conditions: d.conditions.filter((c) => c.key !== condition.key) }));
                                }}
                              >
                                Remove model {conditionIndex + 1} of {context}
                              </Button>
                            }
                          />
                        }
                      >
                        {model ? (
                          <ConditionFields
                            condition={condition}
                            model={model}
                            context={conditionContext}
                            onChange={(config) => update(draft.key, (d) => ({ ...d, conditions: d.conditions.map((c) => (c.key === condition.key ? { ...c, config } : c)) }))}
                            onValidity={(isValid) => setConditionValidity(condition.key, isValid)}
                          />
                        ) : (
                          <Content component="p">This model is unknown to the server; it is kept as it is.</Content>
                        )}
                      </FormFieldGroup>
                    </StackItem>
                  );
                })}
                <StackItem>
                  <AddModel
                    id={`${draft.key}-add-model`}
                    context={context}
                    models={models}
                    onAdd={(model) => update(draft.key, (d) => ({ ...d, conditions: [...d.conditions, newCondition(model)] }))}
                  />
                  <FieldError message={problemOf(draft.key, 'conditions')} />
                </StackItem>
              </Stack>
            </CardBody>
          </Card>
        );
      })}
      <div>
        <Button variant="secondary" icon={<PlusCircleIcon />} onClick={() => setDrafts((all) => [...all, newVariable(defaults, all)])}>
          Add variable
        </Button>
      </div>
      {problem && <ProblemAlert problem={problem} />}
      {run > 0 && !problem && (
        <Alert variant="success" isInline title="Variables saved" component="h2">
          Change detection runs again over the whole history of the test; the progress shows below.
        </Alert>
      )}
      <DetectionProgress testId={testId} run={run} />
      <ActionGroup>
        <Button type="submit" variant="primary" isLoading={isSaving} isDisabled={isSaving}>
          Save
        </Button>
      </ActionGroup>
    </Form>
  );
}

function FieldError({ message, hint }: { message: string | undefined; hint?: string }) {
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

function AddModel({ id, context, models, onAdd }: { id: string; context: string; models: ConditionConfig[]; onAdd: (model: ConditionConfig) => void }) {
  const [chosen, setChosen] = useState(models[0]?.name ?? '');
  const model = models.find((m) => m.name === chosen);
  return (
    <Flex alignItems={{ default: 'alignItemsFlexEnd' }}>
      <FlexItem>
        <FormGroup label={`Model to add to ${context}`} fieldId={id}>
          <FormSelect id={id} value={chosen} onChange={(_event, value) => setChosen(value)}>
            {models.map((m) => (
              <FormSelectOption key={m.name} value={m.name} label={m.title} />
            ))}
          </FormSelect>
        </FormGroup>
      </FlexItem>
      <FlexItem>
        <Button variant="secondary" icon={<PlusCircleIcon />} isDisabled={!model} onClick={() => model && onAdd(model)}>
          Add model
        </Button>
      </FlexItem>
    </Flex>
  );
}

function VariablesReadOnly({ variables, models }: { variables: Variable[]; models: ConditionConfig[] }) {
  if (variables.length === 0) {
    return (
      <EmptyView title="No variables yet" icon={ChartLineIcon}>
        Testers of the test&apos;s team define the variables change detection watches.
      </EmptyView>
    );
  }
  return (
    <Stack hasGutter>
      {toDrafts(variables).map((v) => (
        <StackItem key={v.key}>
          <Card isCompact component="section" aria-label={`Variable ${v.name}`}>
            <CardTitle>
              <Title headingLevel="h2" size="lg">
                Variable {v.name}
              </Title>
            </CardTitle>
            <CardBody>
              <DescriptionList isHorizontal isCompact>
                <DescriptionListGroup>
                  <DescriptionListTerm>Group</DescriptionListTerm>
                  <DescriptionListDescription>{v.group || 'None'}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>Labels</DescriptionListTerm>
                  <DescriptionListDescription>{v.labels.join(', ') || 'None'}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>Calculation</DescriptionListTerm>
                  <DescriptionListDescription>{v.calculation ? <code>{v.calculation}</code> : 'None'}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>Models</DescriptionListTerm>
                  <DescriptionListDescription>
                    {v.conditions.length === 0 ? (
                      'None'
                    ) : (
                      <Content component="ul">
                        {v.conditions.map((c) => (
                          <Content component="li" key={c.key}>
                            {describeCondition(c, models)}
                          </Content>
                        ))}
                      </Content>
                    )}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              </DescriptionList>
            </CardBody>
          </Card>
        </StackItem>
      ))}
    </Stack>
  );
}
