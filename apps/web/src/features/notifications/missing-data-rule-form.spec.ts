import { describe, expect, it } from 'vitest';
import { describeCondition, fromRuleDraft, newRuleDraft, toRuleDraft, validateRuleDraft, type MissingDataRule, type RuleDraft } from './missing-data-rule-form';

const NIGHTLY: MissingDataRule = { id: 7, name: 'nightly', labels: ['arch'], condition: 'arch => arch === "x86_64"', maxStaleness: 6 * 3_600_000, testId: 3, lastNotification: null };

const draft = (changes: Partial<RuleDraft>): RuleDraft => ({ ...newRuleDraft(), name: 'weekly', ...changes });

describe('toRuleDraft and fromRuleDraft', () => {
  it('read a saved rule into the form and back unchanged', () => {
    const form = toRuleDraft(NIGHTLY);
    expect(form).toEqual({ id: 7, name: 'nightly', labels: ['arch'], condition: 'arch => arch === "x86_64"', staleness: { amount: '6', unit: 'hours' } });
    expect(fromRuleDraft(form, 3)).toEqual({ id: 7, name: 'nightly', labels: ['arch'], condition: 'arch => arch === "x86_64"', maxStaleness: 6 * 3_600_000, testId: 3 });
  });

  it('sends a new rule with id -1, a trimmed name and no condition as null', () => {
    expect(fromRuleDraft(draft({ name: '  weekly ', condition: '  ' }), 3)).toEqual({ id: -1, name: 'weekly', labels: [], condition: null, maxStaleness: 86_400_000, testId: 3 });
  });

  it('reads a rule without name, labels or condition', () => {
    expect(toRuleDraft({ id: 1, maxStaleness: 60_000, testId: 3 })).toEqual({ id: 1, name: '', labels: [], condition: '', staleness: { amount: '1', unit: 'minutes' } });
  });
});

describe('validateRuleDraft', () => {
  it.each<[string, RuleDraft, { field: string; message: string }[]]>([
    ['accepts a rule for every dataset', draft({}), []],
    ['accepts a condition on labels', draft({ labels: ['arch'], condition: 'arch => arch === "arm"' }), []],
    ['wants a name', draft({ name: '  ' }), [{ field: 'name', message: 'Give the rule a name: notifications show it.' }]],
    ['refuses a name another rule has', draft({ name: 'nightly' }), [{ field: 'name', message: 'Another rule of this test has this name.' }]],
    ['refuses a long name', draft({ name: 'n'.repeat(256) }), [{ field: 'name', message: 'Keep the name under 255 characters.' }]],
    ['wants a staleness', draft({ staleness: { amount: '', unit: 'hours' } }), [{ field: 'staleness', message: 'Enter how long data may be missing.' }]],
    [
      'wants labels for a condition',
      draft({ condition: 'x => x > 1' }),
      [{ field: 'condition', message: 'Choose the labels the condition reads, or leave the condition empty.' }],
    ],
  ])('%s', (_name, form, expected) => {
    expect(validateRuleDraft(form, [NIGHTLY])).toEqual(expected);
  });

  it('lets a rule keep its own name when edited', () => {
    expect(validateRuleDraft(toRuleDraft(NIGHTLY), [NIGHTLY])).toEqual([]);
  });
});

describe('describeCondition', () => {
  it.each<[Pick<MissingDataRule, 'labels' | 'condition'>, string]>([
    [{ labels: [], condition: null }, 'Every dataset'],
    [{ labels: ['arch'], condition: '  ' }, 'Every dataset'],
    [{ labels: ['arch'], condition: 'arch =>\n  arch === "arm"' }, 'arch => arch === "arm"'],
  ])('%o reads %s', (rule, expected) => {
    expect(describeCondition(rule)).toBe(expected);
  });
});
