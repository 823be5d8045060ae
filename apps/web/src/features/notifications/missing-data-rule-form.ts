import type { Schemas } from '@granary/api-client';
import { parseStaleness, toStalenessInput, type StalenessInput } from './staleness';

export type MissingDataRule = Schemas['MissingDataRuleDto'];

/** What the rule modal edits; an id below 0 (or none) is a new rule, as the API reads it. */
export interface RuleDraft {
  id: number | undefined;
  name: string;
  labels: string[];
  condition: string;
  staleness: StalenessInput;
}

export interface RuleProblem {
  field: 'name' | 'staleness' | 'condition';
  message: string;
}

/** Longest rule name the form accepts (the notification's subject carries it). */
export const MAX_RULE_NAME_LENGTH = 255;
/** Longest condition function the form accepts. */
export const MAX_CONDITION_LENGTH = 10_000;

/** A new rule: every dataset counts, and one should arrive at least once a day. */
export function newRuleDraft(): RuleDraft {
  return { id: undefined, name: '', labels: [], condition: '', staleness: { amount: '1', unit: 'days' } };
}

/**
 * A saved rule in the form's shape.
 *
 * @example
 * toRuleDraft({ id: 7, name: 'nightly', labels: ['arch'], condition: null, maxStaleness: 21_600_000, testId: 1 })
 * // { id: 7, name: 'nightly', labels: ['arch'], condition: '', staleness: { amount: '6', unit: 'hours' } }
 */
export function toRuleDraft(rule: MissingDataRule): RuleDraft {
  return { id: rule.id, name: rule.name ?? '', labels: [...(rule.labels ?? [])], condition: rule.condition ?? '', staleness: toStalenessInput(rule.maxStaleness) };
}

/**
 * What is wrong with a draft, field by field (nothing: it may be saved). Another rule of the test
 * with the same name is a problem too: notifications name the rule.
 */
export function validateRuleDraft(draft: RuleDraft, others: readonly MissingDataRule[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const name = draft.name.trim();
  if (!name) {
    problems.push({ field: 'name', message: 'Give the rule a name: notifications show it.' });
  } else if (name.length > MAX_RULE_NAME_LENGTH) {
    problems.push({ field: 'name', message: `Keep the name under ${MAX_RULE_NAME_LENGTH} characters.` });
  } else if (others.some((r) => r.id !== draft.id && (r.name ?? '').trim() === name)) {
    problems.push({ field: 'name', message: 'Another rule of this test has this name.' });
  }
  const staleness = parseStaleness(draft.staleness);
  if (!staleness.isOk) {
    problems.push({ field: 'staleness', message: staleness.message });
  }
  if (draft.condition.length > MAX_CONDITION_LENGTH) {
    problems.push({ field: 'condition', message: `Keep the condition under ${MAX_CONDITION_LENGTH} characters.` });
  } else if (draft.condition.trim() && draft.labels.length === 0) {
    problems.push({ field: 'condition', message: 'Choose the labels the condition reads, or leave the condition empty.' });
  }
  return problems;
}

/**
 * The body of `POST /api/alerting/missingdatarule` for a valid draft (validate first): a new rule
 * goes with id -1, as Horreum's UI sends it; an empty condition as null (every dataset counts).
 */
export function fromRuleDraft(draft: RuleDraft, testId: number): MissingDataRule {
  const staleness = parseStaleness(draft.staleness);
  return {
    id: draft.id ?? -1,
    name: draft.name.trim(),
    labels: draft.labels,
    condition: draft.condition.trim() || null,
    maxStaleness: staleness.isOk ? staleness.ms : 0,
    testId,
  };
}

/**
 * A rule's condition in one line for the table: the function's text, or what counts without one.
 *
 * @example
 * describeCondition({ labels: [], condition: null }) // 'Every dataset'
 */
export function describeCondition(rule: Pick<MissingDataRule, 'labels' | 'condition'>): string {
  const condition = rule.condition?.trim();
  if (!condition) {
    return 'Every dataset';
  }
  return condition.replace(/\s+/g, ' ');
}
