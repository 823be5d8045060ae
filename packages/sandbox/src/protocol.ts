/**
 * What crosses between a Sandbox (the caller's process) and its sandbox host process, over the
 * IPC channel with `serialization: 'advanced'`. Batches travel as a few big strings rather than
 * arrays of small objects: structured clone of 100,000 objects costs far more than one JSON text.
 */
import type { Evaluation } from './evaluation';

/** The JSON texts of the inputs joined by commas, and where each starts; starts[n] = text.length + 1. */
export interface BatchInputs {
  text: string;
  starts: Uint32Array;
}

/**
 * Results by input index: `values[i]` when `errors` does not name i; `errors` is
 * [index, "message", index, "message", ...]; `logs[i]` when the console was captured.
 */
export interface BatchResults {
  values: unknown[];
  errors: unknown[];
  logs: string[][] | null;
}

export type HostRequest = { type: 'evaluate'; id: number; source: string; inputs: BatchInputs; captureLog: boolean };

export type HostMessage =
  | { type: 'ready' }
  /** Work is going on; sent at most about once a second. */
  | { type: 'alive' }
  /** `results` is the JSON text of BatchResults. `recycle`: an isolate failed catastrophically here; start a fresh process. */
  | { type: 'result'; id: number; results: string; recycle: boolean };

/** @example encodeInputs(['1', '{"a":2}']) // { text: '1,{"a":2}', starts: [0, 2, 10] } */
export function encodeInputs(texts: readonly string[]): BatchInputs {
  const starts = new Uint32Array(texts.length + 1);
  let offset = 0;
  for (let i = 0; i < texts.length; i++) {
    starts[i] = offset;
    offset += (texts[i] as string).length + 1;
  }
  starts[texts.length] = offset;
  return { text: texts.join(','), starts };
}

export function inputCount(inputs: BatchInputs): number {
  return inputs.starts.length - 1;
}

/** Characters of input i's JSON text. */
export function inputLength(inputs: BatchInputs, i: number): number {
  return (inputs.starts[i + 1] as number) - (inputs.starts[i] as number) - 1;
}

/** The JSON array text of inputs [start, end). */
export function chunkText(inputs: BatchInputs, start: number, end: number): string {
  return `[${inputs.text.slice(inputs.starts[start], (inputs.starts[end] as number) - 1)}]`;
}

export function decodeResults(json: string): Evaluation[] {
  const { values, errors, logs } = JSON.parse(json) as BatchResults;
  const results: Evaluation[] = new Array<Evaluation>(values.length);
  for (let i = 0; i < values.length; i++) {
    results[i] = { ok: true, value: values[i] };
  }
  for (let j = 0; j + 1 < errors.length; j += 2) {
    results[errors[j] as number] = { ok: false, error: String(errors[j + 1]) };
  }
  if (logs !== null) {
    for (let i = 0; i < results.length; i++) {
      (results[i] as Evaluation).log = logs[i] ?? [];
    }
  }
  return results;
}
