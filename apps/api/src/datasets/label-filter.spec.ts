import { describe, expect, it } from 'vitest';
import { labelValuesCsv } from './label-values.csv';
import { FilterError, fingerprintValues, parseFingerprint, parseLabelFilter } from './label-filter';

describe("Horreum's label value filter", () => {
  it.each([
    [undefined, false, { anyOf: [] }],
    ['', false, { anyOf: [] }],
    ['{}', false, { anyOf: [] }],
    ['{"arch":"x86","cpus":4}', false, { contains: { arch: 'x86', cpus: 4 }, anyOf: [] }],
    ['{"arch":["x86","arm"]}', false, { contains: { arch: ['x86', 'arm'] }, anyOf: [] }],
    ['{"arch":["x86","arm"],"os":"linux"}', true, { contains: { os: 'linux' }, anyOf: [{ name: 'arch', values: ['x86', 'arm'] }] }],
    ['$.count ? (@ > 10)', false, { anyOf: [], jsonPath: '$.count ? (@ > 10)' }],
    ['"$.count"', false, { anyOf: [], jsonPath: '$.count' }],
  ])('reads %j (multiFilter %j)', (text, multi, expected) => {
    expect(parseLabelFilter(text, multi)).toEqual(expected);
  });

  it.each(['{"arch":', '[1,2]', '42', 'arch=x86', '"text"'])('refuses %j', (text) => {
    expect(() => parseLabelFilter(text)).toThrow(FilterError);
  });
});

describe('fingerprints', () => {
  it.each([
    ['{"arch":"x86"}', { arch: 'x86' }],
    ['{"cpus":4,"jit":true}', { cpus: '4', jit: 'true' }],
    ['{"cfg":{"a":1}}', { cfg: '{"a":1}' }],
  ])('reads %s with values as text, as Horreum stores them', (text, expected) => {
    expect(parseFingerprint(text)).toEqual(expected);
  });

  it('turns object values into children', () => {
    expect(fingerprintValues({ arch: 'x86', cfg: { jvm: '21' } })).toEqual([
      { name: 'arch', value: 'x86' },
      { name: 'cfg', children: [{ name: 'jvm', value: '21' }] },
    ]);
  });
});

describe('label values as CSV', () => {
  const row = (values: Record<string, unknown>) => ({ runId: 7, datasetId: 9, start: Date.UTC(2024, 0, 1), stop: Date.UTC(2024, 0, 1, 0, 1), values });

  it.each([
    [{ a: 1.5 }, '1.5'],
    [{ a: 'x,y' }, '"x,y"'],
    [{ a: 'say "hi"' }, '"say ""hi"""'],
    [{ a: 'line\nbreak' }, '"line\nbreak"'],
    [{ a: { k: 1 } }, '"{""k"":1}"'],
    [{ a: null }, ''],
    [{ a: '=SUM(A1)' }, "'=SUM(A1)"],
    [{ a: -3 }, '-3'],
    [{ a: true }, 'true'],
  ])('writes %j as %s', (values, cell) => {
    const [, line] = labelValuesCsv([row(values)]).split('\r\n');
    expect(line).toBe(`7,9,2024-01-01T00:00:00.000Z,2024-01-01T00:01:00.000Z,${cell}`);
  });

  it('has a column per label name, sorted, and leaves missing values empty', () => {
    expect(labelValuesCsv([row({ b: 1 }), row({ a: 2 })]).split('\r\n')).toEqual([
      'runId,datasetId,start,stop,a,b',
      '7,9,2024-01-01T00:00:00.000Z,2024-01-01T00:01:00.000Z,,1',
      '7,9,2024-01-01T00:00:00.000Z,2024-01-01T00:01:00.000Z,2,',
      '',
    ]);
  });
});
