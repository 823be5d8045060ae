import { describe, expect, it } from 'vitest';
import { SchemaValidator, externalRefs } from './validation';

describe('SchemaValidator', () => {
  const validator = new SchemaValidator();

  it('reports JSON Schema violations with paths (draft-07 by default)', () => {
    const schema = { type: 'object', required: ['throughput'], properties: { throughput: { type: 'number', minimum: 0 } } };
    expect(validator.validate({ id: 1, version: 'a' }, schema, { throughput: 5 })).toEqual([]);
    const errors = validator.validate({ id: 1, version: 'a' }, schema, { throughput: -1 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ type: 'minimum', path: '/throughput' });
    expect(validator.validate({ id: 1, version: 'a' }, schema, {})[0]).toMatchObject({ type: 'required' });
  });

  it('understands draft-04 and 2020-12 schemas', () => {
    const draft4 = { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object', properties: { x: { type: 'integer', maximum: 3, exclusiveMaximum: true } } };
    expect(validator.validate({ id: 2, version: 'a' }, draft4, { x: 3 })[0]).toMatchObject({ type: 'maximum' });
    const modern = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }] };
    expect(validator.validate({ id: 3, version: 'a' }, modern, [1])[0]).toMatchObject({ type: 'type' });
  });

  it('resolves $ref to another Granary schema by URI', () => {
    const referenced = { type: 'object', required: ['host'] };
    const schema = { type: 'object', properties: { env: { $ref: 'urn:env:1#' } } };
    expect(externalRefs(schema)).toEqual(new Set(['urn:env:1']));
    const errors = validator.validate({ id: 4, version: 'a' }, schema, { env: {} }, (uri) => (uri === 'urn:env:1' ? referenced : undefined));
    expect(errors[0]).toMatchObject({ type: 'required' });
  });

  it('reports a schema that cannot compile instead of throwing', () => {
    const errors = validator.validate({ id: 5, version: 'a' }, { type: 'object', properties: { a: { $ref: '#/nowhere' } } }, {});
    expect(errors).toEqual([expect.objectContaining({ type: 'Invalid schema' })]);
  });
});
