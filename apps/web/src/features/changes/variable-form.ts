import { formatValue } from './change-format';
import type { ChangeDetection, ConditionComponent, ConditionConfig, Variable } from './change-types';

/** A model of a variable while it is edited; `key` keeps React's identity before the API gives an id. */
export interface ConditionDraft {
  key: string;
  id?: number;
  model: string;
  config: Record<string, unknown>;
}

/** A variable while it is edited. */
export interface VariableDraft {
  key: string;
  id?: number;
  name: string;
  group: string;
  labels: string[];
  calculation: string;
  conditions: ConditionDraft[];
}

/** A LOG_SLIDER control's properties (Horreum's): the form shows `value × scale`, between `min` and `max`. */
export interface SliderProperties {
  scale: number;
  min: number;
  max: number;
  unit: string;
  discrete: boolean;
}

/** A NUMBER_BOUND value: a bound that is on or off, inclusive or not. */
export interface Bound {
  enabled: boolean;
  inclusive: boolean;
  value: number;
}

let lastKey = 0;
/** A key for a draft made in the browser (those from the API have keys from their ids). */
export const nextKey = (prefix: string): string => `${prefix}-${++lastKey}`;

const idOf = (id: number | null | undefined): number | undefined => (typeof id === 'number' && id > 0 ? id : undefined);

/**
 * The variables the API answered, as drafts, in their order. Keys come from ids (or positions),
 * so the server's render and the browser's agree.
 */
export function toDrafts(variables: readonly Variable[]): VariableDraft[] {
  return [...variables]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name))
    .map((v, index) => {
      const key = idOf(v.id) ? `v${v.id}` : `v-at-${index}`;
      return {
        key,
        id: idOf(v.id),
        name: v.name,
        group: v.group ?? '',
        labels: [...v.labels],
        calculation: v.calculation ?? '',
        conditions: v.changeDetection.map((c, at) => ({ key: `${key}-c${at}`, id: idOf(c.id), model: c.model, config: structuredClone(c.config) })),
      };
    });
}

/**
 * The list `POST /api/alerting/variables` replaces the test's variables with: order by position,
 * no id for new ones (the API deletes the variables missing from the list), text trimmed, and no
 * calculation for a single label unless one was written.
 *
 * @example
 * fromDrafts([{ key: 'k', name: ' tp ', group: '', labels: ['throughput'], calculation: ' ', conditions: [] }], 7)
 * // [{ testId: 7, name: 'tp', group: null, order: 0, labels: ['throughput'], calculation: null, changeDetection: [] }]
 */
export function fromDrafts(drafts: readonly VariableDraft[], testId: number): Variable[] {
  return drafts.map((d, order) => ({
    ...(d.id ? { id: d.id } : {}),
    testId,
    name: d.name.trim(),
    group: d.group.trim() || null,
    order,
    labels: [...d.labels],
    calculation: d.calculation.trim() || null,
    changeDetection: d.conditions.map((c): ChangeDetection => ({ ...(c.id ? { id: c.id } : {}), model: c.model, config: c.config })),
  }));
}

/** A new variable with the conditions Horreum gives one (`GET /api/alerting/defaultChangeDetectionConfigs`). */
export function newVariable(defaults: readonly { model: string; config: Record<string, unknown> }[], existing: readonly VariableDraft[]): VariableDraft {
  const names = new Set(existing.map((v) => v.name.trim()));
  let n = existing.length + 1;
  while (names.has(`Variable ${n}`)) {
    n++;
  }
  return {
    key: nextKey('variable'),
    name: `Variable ${n}`,
    group: '',
    labels: [],
    calculation: '',
    conditions: defaults.map((d) => ({ key: nextKey('condition'), model: d.model, config: structuredClone(d.config) })),
  };
}

/** A new condition of a model, with the model's defaults. */
export function newCondition(model: ConditionConfig): ConditionDraft {
  return { key: nextKey('condition'), model: model.name, config: structuredClone(model.defaults) };
}

/** Reads a LOG_SLIDER's properties, with safe fallbacks for anything missing. */
export function sliderProperties(component: Pick<ConditionComponent, 'properties'>): SliderProperties {
  const p = component.properties;
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
  return {
    scale: number(p.scale, 1) || 1,
    min: number(p.min, 0),
    max: number(p.max, Number.MAX_SAFE_INTEGER),
    unit: typeof p.unit === 'string' ? p.unit.trim() : '',
    discrete: p.discrete === true,
  };
}

/**
 * The number a LOG_SLIDER field shows for a config value (20 for a threshold of 0.2 in %).
 *
 * @example
 * sliderText(0.2, { scale: 100, min: 1, max: 1000, unit: '%', discrete: false }) // '20'
 */
export function sliderText(value: unknown, props: SliderProperties): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatValue(value * props.scale).replace('−', '-') : '';
}

/**
 * Reads what a person typed into a LOG_SLIDER field: the config value, or why it is not one.
 *
 * @example
 * parseSlider('15', { scale: 100, min: 1, max: 1000, unit: '%', discrete: false }) // { value: 0.15 }
 * parseSlider('0.5', { scale: 1, min: 1, max: 1000, unit: '', discrete: true }) // { error: 'Enter a whole number from 1 to 1000.' }
 */
export function parseSlider(text: string, props: SliderProperties): { value: number } | { error: string } {
  const range = `from ${formatValue(props.min)} to ${formatValue(props.max)}${props.unit ? ` ${props.unit}` : ''}`;
  const error = props.discrete ? `Enter a whole number ${range}.` : `Enter a number ${range}.`;
  const trimmed = text.trim();
  const shown = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(shown) || (props.discrete && !Number.isInteger(shown)) || shown < props.min || shown > props.max) {
    return { error };
  }
  // Undo the scale without binary noise (15 / 100 is 0.15, not 0.15000000000000002).
  return { value: props.discrete ? Math.round(shown / props.scale) : Number((shown / props.scale).toPrecision(12)) };
}

/** The options of an ENUM control: `[value, title]` pairs. */
export function enumOptions(component: Pick<ConditionComponent, 'properties'>): [string, string][] {
  const options = component.properties.options;
  if (!options || typeof options !== 'object' || Array.isArray(options)) {
    return [];
  }
  return Object.entries(options as Record<string, unknown>).map(([value, title]) => [value, typeof title === 'string' ? title : value]);
}

/** Reads a NUMBER_BOUND value, filling what is missing as Horreum's default does (off, inclusive, 0). */
export function readBound(value: unknown): Bound {
  const raw = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return {
    enabled: raw.enabled === true,
    inclusive: raw.inclusive !== false,
    value: typeof raw.value === 'number' && Number.isFinite(raw.value) ? raw.value : 0,
  };
}

/**
 * A condition in one line, for the read-only view and the collapsed editor.
 *
 * @example
 * describeCondition({ model: 'relativeDifference', config: { threshold: 0.2, window: 1, minPrevious: 5, filter: 'mean' } }, models)
 * // 'Relative difference of means: threshold 20 %, window 1, preceding 5, aggregation Mean value'
 */
export function describeCondition(condition: Pick<ConditionDraft, 'model' | 'config'>, models: readonly ConditionConfig[]): string {
  const model = models.find((m) => m.name === condition.model);
  if (!model) {
    return `${condition.model}: ${JSON.stringify(condition.config)}`;
  }
  const parts = model.ui.map((component) => {
    const value = condition.config[component.name];
    const title = SHORT_TITLES[component.name] ?? component.title.toLowerCase();
    switch (component.type) {
      case 'LOG_SLIDER': {
        const props = sliderProperties(component);
        return `${title} ${sliderText(value, props) || '—'}${props.unit ? ` ${props.unit}` : ''}`;
      }
      case 'ENUM':
        return `${title} ${enumOptions(component).find(([v]) => v === value)?.[1] ?? String(value ?? '—')}`;
      case 'NUMBER_BOUND': {
        const bound = readBound(value);
        const op = component.name === 'min' ? (bound.inclusive ? '≥' : '>') : bound.inclusive ? '≤' : '<';
        return bound.enabled ? `${title} ${op} ${formatValue(bound.value)}` : `no ${title}`;
      }
      case 'SWITCH':
        return `${title} ${value === true ? 'on' : 'off'}`;
    }
  });
  return `${model.title}: ${parts.join(', ')}`;
}

// Horreum's control titles are long sentences; a summary line needs a word or two.
const SHORT_TITLES: Record<string, string> = {
  threshold: 'threshold',
  window: 'window',
  minPrevious: 'preceding',
  filter: 'aggregation',
  min: 'minimum',
  max: 'maximum',
  maxPValue: 'p-value',
  minSegmentSize: 'segment',
  minMagnitude: 'magnitude',
  permutations: 'permutations',
};

/** A problem in the variables form, addressed to the field that has it. */
export interface DraftProblem {
  variableKey: string;
  field: 'name' | 'labels' | 'conditions';
  message: string;
}

/**
 * What must be fixed before the variables can be saved: a name, unique in the test; at least
 * one label; at least one model. (Several labels without a calculation stay allowed: Horreum
 * then combines them into an object.)
 *
 * @example
 * validateDrafts([{ key: 'a', name: '', labels: [], ... }])
 * // [{ variableKey: 'a', field: 'name', message: 'Give the variable a name.' }, { variableKey: 'a', field: 'labels', message: 'Choose at least one label.' }]
 */
export function validateDrafts(drafts: readonly VariableDraft[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const seen = new Map<string, number>();
  for (const d of drafts) {
    const name = d.name.trim();
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const d of drafts) {
    const name = d.name.trim();
    if (!name) {
      problems.push({ variableKey: d.key, field: 'name', message: 'Give the variable a name.' });
    } else if ((seen.get(name) ?? 0) > 1) {
      problems.push({ variableKey: d.key, field: 'name', message: `Another variable is named ${name}: names must differ.` });
    }
    if (d.labels.length === 0) {
      problems.push({ variableKey: d.key, field: 'labels', message: 'Choose at least one label.' });
    }
    if (d.conditions.length === 0) {
      problems.push({ variableKey: d.key, field: 'conditions', message: 'Without a model nothing is detected; add one.' });
    }
  }
  return problems;
}

/**
 * Variables grouped for display by their group, groups in the order their first variable comes,
 * ungrouped variables under ''.
 *
 * @example
 * groupVariables([{ name: 'a', group: 'cpu' }, { name: 'b', group: null }, { name: 'c', group: 'cpu' }])
 * // [{ group: 'cpu', items: [a, c] }, { group: '', items: [b] }]
 */
export function groupVariables<T extends { group?: string | null }>(items: readonly T[]): { group: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = item.group?.trim() ?? '';
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return [...groups].map(([group, members]) => ({ group, items: members }));
}
