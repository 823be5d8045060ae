import { describe, expect, it } from 'vitest';
import { describeValidationError } from './validation-errors';

describe('describeValidationError', () => {
  it.each<[Record<string, unknown>, { where: string; message: string }]>([
    [{ type: 'type', message: 'must be number', instanceLocation: '/results/0/throughput' }, { where: '/results/0/throughput', message: 'must be number' }],
    [{ type: 'required', message: "must have required property 'x'", path: '$.a' }, { where: '$.a', message: "must have required property 'x'" }],
    [{ type: 'format' }, { where: '', message: 'format' }],
    [{ type: 'required', path: '$', instanceLocation: '', message: "$ must have required property 'results'" }, { where: '', message: "$ must have required property 'results'" }],
    [{ odd: 1 }, { where: '', message: '{"odd":1}' }],
  ])('%j', (error, expected) => {
    expect(describeValidationError(error)).toEqual(expected);
  });
});
