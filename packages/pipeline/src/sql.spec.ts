import { describe, expect, it } from 'vitest';
import { COMPUTE_LABEL_VALUES, COMPUTE_ONE_LABEL_VALUES } from './sql';

describe('label value statements', () => {
  it('computes one label with the same statement, its documents read where used instead of kept', () => {
    expect(COMPUTE_LABEL_VALUES).toContain('WITH docs AS MATERIALIZED');
    expect(COMPUTE_ONE_LABEL_VALUES).toContain('WITH docs AS NOT MATERIALIZED');
    expect(COMPUTE_ONE_LABEL_VALUES.replace('NOT MATERIALIZED', 'MATERIALIZED')).toBe(COMPUTE_LABEL_VALUES);
  });
});
