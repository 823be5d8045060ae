import { describe, expect, it } from 'vitest';
import type { ConditionConfig } from './change-types';
import {
  describeCondition,
  enumOptions,
  fromDrafts,
  groupVariables,
  newCondition,
  newVariable,
  parseSlider,
  readBound,
  sliderProperties,
  sliderText,
  toDrafts,
  validateDrafts,
  type VariableDraft,
} from './variable-form';

const PERCENT = { scale: 100, min: 1, max: 1000, unit: '%', discrete: false };
const COUNT = { scale: 1, min: 1, max: 1000, unit: '', discrete: true };

const MODELS: ConditionConfig[] = [
  {
    name: 'relativeDifference',
    title: 'Relative difference of means',
    description: '',
    ui: [
      { name: 'threshold', title: 'Threshold for relative difference', description: '', type: 'LOG_SLIDER', properties: { ...PERCENT, unit: '%' } },
      { name: 'window', title: 'Minimum window', description: '', type: 'LOG_SLIDER', properties: { ...COUNT, unit: ' ' } },
      { name: 'filter', title: 'Aggregation function', description: '', type: 'ENUM', properties: { options: { mean: 'Mean value', min: 'Minimum value' } } },
    ],
    defaults: { threshold: 0.2, window: 1, filter: 'mean' },
  },
  {
    name: 'fixedThreshold',
    title: 'Fixed Threshold',
    description: '',
    ui: [
      { name: 'min', title: 'Minimum', description: '', type: 'NUMBER_BOUND', properties: {} },
      { name: 'max', title: 'Maximum', description: '', type: 'NUMBER_BOUND', properties: {} },
    ],
    defaults: { min: { enabled: false, inclusive: true, value: 0 }, max: { enabled: false, inclusive: true, value: 0 } },
  },
];

const draft = (overrides: Partial<VariableDraft>): VariableDraft => ({
  key: overrides.key ?? 'k',
  name: 'throughput',
  group: '',
  labels: ['throughput'],
  calculation: '',
  conditions: [{ key: 'c', model: 'relativeDifference', config: { threshold: 0.2 } }],
  ...overrides,
});

describe('toDrafts and fromDrafts', () => {
  it('round-trips variables in their order, keeping ids and dropping empty text', () => {
    const drafts = toDrafts([
      { id: 2, testId: 7, name: 'b', group: 'g', order: 1, labels: ['y'], calculation: null, changeDetection: [{ id: 5, model: 'fixedThreshold', config: { min: { enabled: true } } }] },
      { id: 1, testId: 7, name: 'a', group: null, order: 0, labels: ['x'], calculation: 'v => v', changeDetection: [] },
    ]);
    expect(drafts.map((d) => d.name)).toEqual(['a', 'b']);
    expect(fromDrafts(drafts, 7)).toEqual([
      { id: 1, testId: 7, name: 'a', group: null, order: 0, labels: ['x'], calculation: 'v => v', changeDetection: [] },
      { id: 2, testId: 7, name: 'b', group: 'g', order: 1, labels: ['y'], calculation: null, changeDetection: [{ id: 5, model: 'fixedThreshold', config: { min: { enabled: true } } }] },
    ]);
  });

  it('sends new variables and conditions without an id, and trims text', () => {
    expect(fromDrafts([draft({ name: ' tp ', group: ' ', calculation: '  ' })], 3)).toEqual([
      { testId: 3, name: 'tp', group: null, order: 0, labels: ['throughput'], calculation: null, changeDetection: [{ model: 'relativeDifference', config: { threshold: 0.2 } }] },
    ]);
  });

  it('treats negative ids (Horreum new rows) as new', () => {
    const [d] = toDrafts([{ id: -1, testId: 1, name: 'n', labels: [], changeDetection: [{ id: -2, model: 'x', config: {} }] }]);
    expect(d?.id).toBeUndefined();
    expect(d?.conditions[0]?.id).toBeUndefined();
  });

  it('copies configs, so editing a draft leaves the answer alone', () => {
    const config = { min: { enabled: true } };
    const [d] = toDrafts([{ testId: 1, name: 'n', labels: [], changeDetection: [{ model: 'fixedThreshold', config }] }]);
    (d!.conditions[0]!.config.min as { enabled: boolean }).enabled = false;
    expect(config.min.enabled).toBe(true);
  });
});

describe('newVariable and newCondition', () => {
  it('names a new variable after the ones there and gives it the default conditions', () => {
    const v = newVariable([{ model: 'relativeDifference', config: { window: 1 } }], [draft({ name: 'Variable 2' })]);
    expect(v.name).toBe('Variable 3');
    expect(v.conditions).toEqual([expect.objectContaining({ model: 'relativeDifference', config: { window: 1 } })]);
  });

  it('starts a condition from the model defaults', () => {
    expect(newCondition(MODELS[1]!)).toEqual(expect.objectContaining({ model: 'fixedThreshold', config: MODELS[1]!.defaults }));
  });
});

describe('LOG_SLIDER fields', () => {
  it('reads properties with fallbacks', () => {
    expect(sliderProperties({ properties: { scale: 100, min: 1, max: 1000, unit: '%', discrete: false } })).toEqual(PERCENT);
    expect(sliderProperties({ properties: {} })).toEqual({ scale: 1, min: 0, max: Number.MAX_SAFE_INTEGER, unit: '', discrete: false });
  });

  it.each([
    [0.2, PERCENT, '20'],
    [0.005, { ...PERCENT, min: 0.01 }, '0.5'],
    [5, COUNT, '5'],
    [undefined, COUNT, ''],
  ])('shows %s as %s', (value, props, text) => {
    expect(sliderText(value, props)).toBe(text);
  });

  it.each([
    ['15', PERCENT, { value: 0.15 }],
    ['33.3', PERCENT, { value: 0.333 }],
    ['5', COUNT, { value: 5 }],
    ['0.5', COUNT, { error: 'Enter a whole number from 1 to 1000.' }],
    ['0', PERCENT, { error: 'Enter a number from 1 to 1000 %.' }],
    ['', PERCENT, { error: 'Enter a number from 1 to 1000 %.' }],
    ['abc', COUNT, { error: 'Enter a whole number from 1 to 1000.' }],
  ])('reads %j', (text, props, result) => {
    expect(parseSlider(text, props)).toEqual(result);
  });
});

describe('ENUM and NUMBER_BOUND fields', () => {
  it('lists enum options', () => {
    expect(enumOptions(MODELS[0]!.ui[2]!)).toEqual([
      ['mean', 'Mean value'],
      ['min', 'Minimum value'],
    ]);
    expect(enumOptions({ properties: {} })).toEqual([]);
  });

  it.each([
    [undefined, { enabled: false, inclusive: true, value: 0 }],
    [{ enabled: true, value: 5 }, { enabled: true, inclusive: true, value: 5 }],
    [{ enabled: true, inclusive: false, value: 'x' }, { enabled: true, inclusive: false, value: 0 }],
  ])('reads bound %j', (value, bound) => {
    expect(readBound(value)).toEqual(bound);
  });
});

describe('describeCondition', () => {
  it.each([
    [{ model: 'relativeDifference', config: { threshold: 0.2, window: 5, filter: 'min' } }, 'Relative difference of means: threshold 20 %, window 5, aggregation Minimum value'],
    [
      { model: 'fixedThreshold', config: { min: { enabled: true, inclusive: false, value: 10 }, max: { enabled: false } } },
      'Fixed Threshold: minimum > 10, no maximum',
    ],
    [{ model: 'unknown', config: { a: 1 } }, 'unknown: {"a":1}'],
  ])('%j', (condition, text) => {
    expect(describeCondition(condition, MODELS)).toBe(text);
  });
});

describe('validateDrafts', () => {
  it('accepts a complete form', () => {
    expect(validateDrafts([draft({ key: 'a' }), draft({ key: 'b', name: 'other' })])).toEqual([]);
  });

  it('asks for a name, a label and a model, and unique names', () => {
    expect(validateDrafts([draft({ key: 'a', name: ' ', labels: [], conditions: [] }), draft({ key: 'b', name: 'x' }), draft({ key: 'c', name: 'x ' })])).toEqual([
      { variableKey: 'a', field: 'name', message: 'Give the variable a name.' },
      { variableKey: 'a', field: 'labels', message: 'Choose at least one label.' },
      { variableKey: 'a', field: 'conditions', message: 'Without a model nothing is detected; add one.' },
      { variableKey: 'b', field: 'name', message: 'Another variable is named x: names must differ.' },
      { variableKey: 'c', field: 'name', message: 'Another variable is named x: names must differ.' },
    ]);
  });
});

describe('groupVariables', () => {
  it('groups in the order groups first appear', () => {
    const a = { name: 'a', group: 'cpu' };
    const b = { name: 'b', group: null };
    const c = { name: 'c', group: 'cpu ' };
    expect(groupVariables([a, b, c])).toEqual([
      { group: 'cpu', items: [a, c] },
      { group: '', items: [b] },
    ]);
  });
});
