import { describe, expect, it } from 'vitest';
import { EDIVISIVE_DEFAULTS, FIXED_THRESHOLD_DEFAULTS, RELATIVE_DIFFERENCE_DEFAULTS, resolveCondition } from './config';
import { CHANGE_DETECTION_MODELS, horreumDefaultConditions } from './models';

describe('resolveCondition', () => {
  it.each<[string, unknown, unknown]>([
    ['relativeDifference', undefined, RELATIVE_DIFFERENCE_DEFAULTS],
    ['relativeDifference', { threshold: 0.1 }, { ...RELATIVE_DIFFERENCE_DEFAULTS, threshold: 0.1 }],
    ['relativeDifference', { model: 'relativeDifference', builtIn: true, window: 5 }, { ...RELATIVE_DIFFERENCE_DEFAULTS, window: 5 }],
    ['fixedThreshold', {}, FIXED_THRESHOLD_DEFAULTS],
    [
      'fixedThreshold',
      { max: { enabled: true, value: 10 } },
      { min: FIXED_THRESHOLD_DEFAULTS.min, max: { enabled: true, inclusive: true, value: 10 } },
    ],
    ['eDivisive', { model: 'eDivisive' }, EDIVISIVE_DEFAULTS],
    ['eDivisive', { maxPValue: 0.001, permutations: 999 }, { ...EDIVISIVE_DEFAULTS, maxPValue: 0.001, permutations: 999 }],
  ])('fills defaults into %s %j', (model, config, expected) => {
    expect(resolveCondition(model, config)).toEqual({ ok: true, condition: { model, config: expected } });
  });

  it.each<[string, unknown, Array<{ pointer: string; message: string | RegExp }>]>([
    ['hybrid', {}, [{ pointer: '', message: /unknown model "hybrid"/ }]],
    ['relativeDifference', [], [{ pointer: '', message: 'must be an object' }]],
    ['relativeDifference', { window: 0 }, [{ pointer: '/window', message: 'must be at least 1, got 0' }]],
    ['relativeDifference', { window: 2.5 }, [{ pointer: '/window', message: 'must be an integer, got 2.5' }]],
    ['relativeDifference', { threshold: '20%' }, [{ pointer: '/threshold', message: 'must be a finite number, got "20%"' }]],
    ['relativeDifference', { threshold: -0.1 }, [{ pointer: '/threshold', message: 'must be at least 0, got -0.1' }]],
    ['relativeDifference', { filter: 'median' }, [{ pointer: '/filter', message: 'must be one of mean, min, max, got "median"' }]],
    ['relativeDifference', { treshold: 0.1 }, [{ pointer: '/treshold', message: /is not a parameter; expected window, threshold/ }]],
    ['relativeDifference', { model: 'eDivisive' }, [{ pointer: '/model', message: 'is "eDivisive" but the condition is relativeDifference' }]],
    ['fixedThreshold', { min: 5 }, [{ pointer: '/min', message: 'must be an object { enabled, inclusive, value }' }]],
    ['fixedThreshold', { min: { enabled: 'yes' } }, [{ pointer: '/min/enabled', message: 'must be true or false, got "yes"' }]],
    ['fixedThreshold', { min: { limit: 1 } }, [{ pointer: '/min/limit', message: /is not a parameter/ }]],
    [
      'fixedThreshold',
      { min: { enabled: true, value: 10 }, max: { enabled: true, value: 5 } },
      [{ pointer: '/min/value', message: /lower bound 10 is above upper bound 5/ }],
    ],
    ['eDivisive', { maxPValue: 0 }, [{ pointer: '/maxPValue', message: 'must be greater than 0, got 0' }]],
    ['eDivisive', { maxPValue: 1 }, [{ pointer: '/maxPValue', message: 'must be less than 1, got 1' }]],
    ['eDivisive', { maxPValue: 0.001, permutations: 199 }, [{ pointer: '/permutations', message: /must be at least 999 for a p-value of 0.001/ }]],
    ['eDivisive', { window: 4, minSegmentSize: 3 }, [{ pointer: '/window', message: 'must be at least twice minSegmentSize (6)' }]],
    ['eDivisive', { minMagnitude: -1 }, [{ pointer: '/minMagnitude', message: 'must be at least 0, got -1' }]],
  ])('rejects %s %j with a message per problem', (model, config, errors) => {
    const result = resolveCondition(model, config);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(errors.map((e) => ({ pointer: e.pointer, message: typeof e.message === 'string' ? e.message : expect.stringMatching(e.message) })));
  });

  it('lists every problem at once', () => {
    const result = resolveCondition('relativeDifference', { window: -1, threshold: null, filter: 1 });
    expect(result.ok ? [] : result.errors.map((e) => e.pointer)).toEqual(['/window', '/threshold', '/filter']);
  });
});

describe('model metadata', () => {
  it('describes the three models in Horreum ConditionConfig shape with their defaults', () => {
    expect(CHANGE_DETECTION_MODELS.map((m) => m.name)).toEqual(['relativeDifference', 'fixedThreshold', 'eDivisive']);
    for (const model of CHANGE_DETECTION_MODELS) {
      expect(resolveCondition(model.name, model.defaults)).toEqual({ ok: true, condition: { model: model.name, config: model.defaults } });
      expect(model.ui.map((c) => c.name).sort()).toEqual(Object.keys(model.defaults).sort());
      for (const c of model.ui) {
        expect(['LOG_SLIDER', 'ENUM', 'NUMBER_BOUND', 'SWITCH']).toContain(c.type);
      }
    }
  });

  it('keeps Horreum relativeDifference slider ranges and defaults', () => {
    const rd = CHANGE_DETECTION_MODELS[0]!;
    expect(rd.ui.find((c) => c.name === 'threshold')).toMatchObject({
      type: 'LOG_SLIDER',
      properties: { scale: 100, min: 1, max: 1000, unit: '%', discrete: false },
    });
    expect(rd.defaults).toEqual({ window: 1, threshold: 0.2, minPrevious: 5, filter: 'mean' });
  });

  it('offers Horreum default conditions for a new variable', () => {
    for (const c of horreumDefaultConditions()) {
      expect(resolveCondition(c.model, c.config).ok).toBe(true);
    }
  });
});
