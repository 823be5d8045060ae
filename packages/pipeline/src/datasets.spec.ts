import { describe, expect, it } from 'vitest';
import { assembleDatasets, tagWithSchema } from './datasets';

describe('tagWithSchema', () => {
  it('adds the target schema to objects that have none, wraps scalars, keeps an existing $schema', () => {
    expect(tagWithSchema({ a: 1 }, 'urn:t')).toEqual({ $schema: 'urn:t', a: 1 });
    expect(tagWithSchema({ $schema: 'urn:own', a: 1 }, 'urn:t')).toEqual({ $schema: 'urn:own', a: 1 });
    expect(tagWithSchema(42, 'urn:t')).toEqual({ $schema: 'urn:t', value: 42 });
    expect(tagWithSchema([{ a: 1 }, 2], 'urn:t')).toEqual([{ $schema: 'urn:t', a: 1 }, { $schema: 'urn:t', value: 2 }]);
    expect(tagWithSchema({ a: 1 }, null)).toEqual({ a: 1 });
  });
});

describe('assembleDatasets', () => {
  it('spreads array results over datasets by index, repeats objects, appends naked parts to every dataset', () => {
    const { datasets, warnings } = assembleDatasets(
      [
        { transformerId: 1, targetSchemaUri: 'urn:a', results: [[{ n: 0 }, { n: 1 }]] },
        { transformerId: 2, targetSchemaUri: null, results: [{ env: 'x' }] },
      ],
      [{ $schema: 'urn:naked' }],
    );
    expect(datasets).toEqual([
      [{ $schema: 'urn:a', n: 0 }, { env: 'x' }, { $schema: 'urn:naked' }],
      [{ $schema: 'urn:a', n: 1 }, { env: 'x' }, { $schema: 'urn:naked' }],
    ]);
    expect(warnings).toEqual([]);
  });

  it('warns when array results differ in length', () => {
    const { datasets, warnings } = assembleDatasets(
      [
        { transformerId: 1, targetSchemaUri: null, results: [[1, 2, 3]] },
        { transformerId: 2, targetSchemaUri: null, results: [[10]] },
      ],
      [],
    );
    expect(datasets).toEqual([[1, 10], [2], [3]]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Transformer 2 produced 1 results where another produced 3/);
  });

  it('concatenates the results of one transformer that matched several parts', () => {
    const { datasets } = assembleDatasets([{ transformerId: 1, targetSchemaUri: null, results: [[1, 2], 3] }], []);
    expect(datasets).toEqual([[1], [2], [3]]);
  });

  it('makes one dataset of the naked parts when no transformer applies', () => {
    expect(assembleDatasets([], [{ a: 1 }, { b: 2 }]).datasets).toEqual([[{ a: 1 }, { b: 2 }]]);
  });
});
