import { describe, expect, it } from 'vitest';
import {
  changeStatus,
  describeChange,
  describeDecision,
  describeMarker,
  fingerprintText,
  formatRelativeDifference,
  formatValue,
  modelTitle,
} from './change-format';

describe('changeStatus', () => {
  it.each([
    [{ confirmed: false, ignored: false }, 'new'],
    [{ confirmed: true, ignored: false }, 'confirmed'],
    [{ confirmed: false, ignored: true }, 'ignored'],
    [{ confirmed: true, ignored: true }, 'ignored'],
    [{ confirmed: false }, 'new'],
  ] as const)('%j is %s', (change, status) => {
    expect(changeStatus(change)).toBe(status);
  });
});

describe('formatValue', () => {
  it.each([
    [1234.56789, '1234.57'],
    [100, '100'],
    [-0.000123456, '−0.000123456'],
    [0, '0'],
    [null, ''],
    [Number.NaN, ''],
  ])('%s reads %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe('formatRelativeDifference', () => {
  it.each([
    [-0.2, '−20.0 %'],
    [0.125, '+12.5 %'],
    [0, '0.0 %'],
    [undefined, ''],
  ])('%s reads %s', (value, text) => {
    expect(formatRelativeDifference(value)).toBe(text);
  });
});

describe('describeChange', () => {
  it.each([
    ['the means over the long API description', { description: 'Datapoints 7 - 7: mean 70.000000 …', oldMean: 100, newMean: 70, relativeDifference: -0.3, model: 'relativeDifference' }, 'Mean 100 → 70 (−30.0 %)'],
    ['means and relative difference', { oldMean: 100, newMean: 80, relativeDifference: -0.2, model: 'relativeDifference' }, 'Mean 100 → 80 (−20.0 %)'],
    ['eDivisive significance', { oldMean: 10, newMean: 12, relativeDifference: 0.2, pValue: 0.001, model: 'eDivisive' }, 'Mean 10 → 12 (+20.0 %) p-value 0.001'],
    ['only a relative difference', { relativeDifference: 0.5 }, '+50.0 %'],
    ['the API description without numbers', { description: ' Value 12 above 10 ', model: 'fixedThreshold' }, 'Value 12 above 10'],
    ["a manual change's own description", { model: 'manual', description: 'new JDK', oldMean: 1, newMean: 2 }, 'new JDK'],
    ['a manual change without description', { model: 'manual', description: '' }, 'Added by hand'],
    ['nothing known', {}, 'Change'],
  ])('%s', (_name, change, text) => {
    expect(describeChange(change)).toBe(text);
  });
});

describe('describeDecision', () => {
  it.each([
    [{ confirmed: false, ignored: false }, 'Not reviewed'],
    [{ confirmed: true, ignored: false, decidedBy: 'alice', decidedAt: 1700000000000 }, 'Confirmed by alice, 2023-11-14 22:13:20 UTC'],
    [{ confirmed: false, ignored: true, decidedBy: 'bob' }, 'Ignored by bob'],
    [{ confirmed: true, ignored: false }, 'Confirmed'],
  ])('%j', (change, text) => {
    expect(describeDecision(change)).toBe(text);
  });
});

describe('describeMarker and modelTitle', () => {
  it('says status and origin in words', () => {
    expect(describeMarker({ confirmed: false, ignored: false, model: 'manual' })).toBe('new manual change');
    expect(describeMarker({ confirmed: true, ignored: false, model: 'eDivisive' })).toBe('confirmed change');
  });
  it.each([
    ['relativeDifference', 'Relative difference'],
    ['manual', 'Manual'],
    ['other', 'other'],
    [null, 'Unknown model'],
  ])('%s is %s', (model, title) => {
    expect(modelTitle(model)).toBe(title);
  });
});

describe('fingerprintText', () => {
  it.each([
    [{ arch: 'x86_64', cpu: { cores: 8 } }, 'arch: x86_64, cpu.cores: 8'],
    [{}, 'No fingerprint'],
    [null, 'No fingerprint'],
    ['plain', 'plain'],
    [[1, 2], '[1,2]'],
  ])('%j reads %s', (fingerprint, text) => {
    expect(fingerprintText(fingerprint)).toBe(text);
  });
});
