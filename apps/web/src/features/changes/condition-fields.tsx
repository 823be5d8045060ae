'use client';

import {
  Checkbox,
  Flex,
  FlexItem,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  InputGroupText,
  Switch,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import type { ConditionComponent, ConditionConfig } from './change-types';
import { enumOptions, parseSlider, readBound, sliderProperties, sliderText, type Bound, type ConditionDraft } from './variable-form';

interface ConditionFieldsProps {
  condition: ConditionDraft;
  model: ConditionConfig;
  /** Names the fields for assistive technology, e.g. "throughput, model 1". */
  context: string;
  onChange: (config: Record<string, unknown>) => void;
  /** Reports whether every field holds a value the model accepts. */
  onValidity: (isValid: boolean) => void;
}

/** A model's configuration form, rendered from its metadata (`GET /api/alerting/changeDetectionModels`). */
export function ConditionFields({ condition, model, context, onChange, onValidity }: ConditionFieldsProps) {
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const setFieldValidity = (name: string, isValid: boolean) => {
    const next = new Set(invalid);
    if (isValid) {
      next.delete(name);
    } else {
      next.add(name);
    }
    if (next.size !== invalid.size) {
      setInvalid(next);
      onValidity(next.size === 0);
    }
  };
  const set = (name: string, value: unknown) => onChange({ ...condition.config, [name]: value });

  return (
    <>
      {model.ui.map((component) => {
        const id = `${condition.key}-${component.name}`;
        const value = condition.config[component.name];
        switch (component.type) {
          case 'LOG_SLIDER':
            return (
              <SliderField
                key={component.name}
                id={id}
                component={component}
                context={context}
                value={value}
                onChange={(v) => set(component.name, v)}
                onValidity={(ok) => setFieldValidity(component.name, ok)}
              />
            );
          case 'ENUM':
            return (
              <FormGroup key={component.name} label={component.title} fieldId={id}>
                <FormSelect id={id} value={typeof value === 'string' ? value : ''} onChange={(_event, v) => set(component.name, v)} aria-label={`${component.title} (${context})`}>
                  {enumOptions(component).map(([option, title]) => (
                    <FormSelectOption key={option} value={option} label={title} />
                  ))}
                </FormSelect>
                <Hint text={component.description} />
              </FormGroup>
            );
          case 'NUMBER_BOUND':
            return (
              <BoundField
                key={component.name}
                id={id}
                component={component}
                context={context}
                bound={readBound(value)}
                onChange={(b) => set(component.name, b)}
                onValidity={(ok) => setFieldValidity(component.name, ok)}
              />
            );
          case 'SWITCH':
            return (
              <FormGroup key={component.name} label={component.title} fieldId={id}>
                <Switch id={id} isChecked={value === true} onChange={(_event, checked) => set(component.name, checked)} label="On" aria-label={`${component.title} (${context})`} />
                <Hint text={component.description} />
              </FormGroup>
            );
        }
      })}
    </>
  );
}

function Hint({ text, error }: { text: string; error?: string }) {
  return (
    <FormHelperText>
      <HelperText>
        {error ? <HelperTextItem variant="error">{error}</HelperTextItem> : null}
        <HelperTextItem>{text}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
}

interface SliderFieldProps {
  id: string;
  component: ConditionComponent;
  context: string;
  value: unknown;
  onChange: (value: number) => void;
  onValidity: (isValid: boolean) => void;
}

/** Horreum draws a logarithmic slider; a number field with its unit and range is easier to set exactly, and to use by keyboard. */
function SliderField({ id, component, context, value, onChange, onValidity }: SliderFieldProps) {
  const props = sliderProperties(component);
  const [text, setText] = useState(() => sliderText(value, props));
  const [error, setError] = useState<string>();
  const change = (next: string) => {
    setText(next);
    const parsed = parseSlider(next, props);
    if ('error' in parsed) {
      setError(parsed.error);
      onValidity(false);
    } else {
      setError(undefined);
      onValidity(true);
      onChange(parsed.value);
    }
  };
  return (
    <FormGroup label={component.title} fieldId={id}>
      <InputGroup>
        <InputGroupItem isFill>
          <TextInput
            id={id}
            type="number"
            inputMode="decimal"
            value={text}
            min={props.min}
            max={props.max}
            step={props.discrete ? 1 : 'any'}
            onChange={(_event, v) => change(v)}
            validated={error ? 'error' : 'default'}
            aria-label={`${component.title} (${context})`}
            aria-describedby={`${id}-hint`}
          />
        </InputGroupItem>
        {props.unit && <InputGroupText>{props.unit}</InputGroupText>}
      </InputGroup>
      <div id={`${id}-hint`}>
        <Hint text={component.description} error={error} />
      </div>
    </FormGroup>
  );
}

interface BoundFieldProps {
  id: string;
  component: ConditionComponent;
  context: string;
  bound: Bound;
  onChange: (bound: Bound) => void;
  onValidity: (isValid: boolean) => void;
}

function BoundField({ id, component, context, bound, onChange, onValidity }: BoundFieldProps) {
  const [text, setText] = useState(String(bound.value));
  const [error, setError] = useState<string>();
  const title = component.title.toLowerCase();
  const changeValue = (next: string) => {
    setText(next);
    const value = next.trim() === '' ? Number.NaN : Number(next);
    if (!Number.isFinite(value)) {
      setError('Enter a number.');
      onValidity(false);
      return;
    }
    setError(undefined);
    onValidity(true);
    onChange({ ...bound, value });
  };
  return (
    <FormGroup label={component.title} fieldId={`${id}-value`} role="group">
      <Flex alignItems={{ default: 'alignItemsCenter' }}>
        <FlexItem>
          <Checkbox id={`${id}-enabled`} label={`Check the ${title}`} isChecked={bound.enabled} onChange={(_event, checked) => onChange({ ...bound, enabled: checked })} />
        </FlexItem>
        <FlexItem>
          <Checkbox
            id={`${id}-inclusive`}
            label="Inclusive"
            isChecked={bound.inclusive}
            isDisabled={!bound.enabled}
            onChange={(_event, checked) => onChange({ ...bound, inclusive: checked })}
            aria-label={`${component.title} is inclusive (${context})`}
          />
        </FlexItem>
        <FlexItem>
          <TextInput
            id={`${id}-value`}
            type="number"
            inputMode="decimal"
            step="any"
            value={text}
            isDisabled={!bound.enabled}
            onChange={(_event, v) => changeValue(v)}
            validated={error ? 'error' : 'default'}
            aria-label={`${component.title} value (${context})`}
          />
        </FlexItem>
      </Flex>
      <Hint text={component.description} error={error} />
    </FormGroup>
  );
}
