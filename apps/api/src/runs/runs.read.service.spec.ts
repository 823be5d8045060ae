import { describe, expect, it } from 'vitest';
import { runQueryPaths } from './runs.read.service';

describe("Horreum's run list query", () => {
  it.each([
    [undefined, []],
    ['  ', []],
    ['$.build', ['$.build']],
    ['$.a, $.b', ['$.a', '$.b']],
    ['$.a ? (@ > 1) OR $.b', ['$.a ? (@ > 1)', '$.b']],
    ['@ == "x86"', ['$.** ? (@ == "x86")']],
    ['arch cpus', ['$.**."arch"', '$.**."cpus"']],
    ['we"ird', ['$.**."we\\"ird"']],
  ])('reads %j as jsonpaths %j', (query, paths) => {
    expect(runQueryPaths(query)).toEqual(paths);
  });
});
