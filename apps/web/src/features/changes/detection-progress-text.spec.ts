import { describe, expect, it } from 'vitest';
import { describeProgress } from './detection-progress-text';

describe('describeProgress', () => {
  it.each<[string, Parameters<typeof describeProgress>[0], ReturnType<typeof describeProgress>]>([
    ['running', { percentage: 40.7, done: 4, totalDatasets: 10, errors: 0, finished: false }, { value: 40, variant: undefined, detail: 'Running: 4 of 10 datasets' }],
    ['running never shows 100 %', { percentage: 100, done: 10, totalDatasets: 10, finished: false }, { value: 99, variant: undefined, detail: 'Running: 10 of 10 datasets' }],
    ['finished', { percentage: 90, done: 10, totalDatasets: 10, errors: 0, finished: true }, { value: 100, variant: 'success', detail: 'Done: 10 of 10 datasets' }],
    ['finished with errors', { percentage: 100, done: 10, totalDatasets: 10, errors: 2, finished: true }, { value: 100, variant: 'danger', detail: 'Done: 10 of 10 datasets; 2 errors' }],
    ['without counts', { percentage: Number.NaN, finished: false }, { value: 0, variant: undefined, detail: 'Running' }],
    ['finished without counts', { percentage: 100, finished: true }, { value: 100, variant: 'success', detail: 'Done' }],
  ])('%s', (_name, progress, expected) => {
    expect(describeProgress(progress)).toEqual(expected);
  });
});
