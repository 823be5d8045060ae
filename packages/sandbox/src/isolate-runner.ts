/**
 * Runs users' functions in isolated-vm isolates: limits, batching and recovery. isolated-vm is
 * loaded only inside the sandbox host process (sandbox-host.ts), never in the caller's process;
 * see sandbox.ts for why.
 *
 * One `evaluate` = one fresh context in a long-lived isolate that caches compiled sources, so
 * globals a function leaves behind never reach another evaluation. Inside it, every input gets
 * the function from its own evaluation of the (compiled once) source, with its own console.
 * Inputs go in chunks, one JSON text per chunk; results come back as one JSON text per call.
 *
 * Time: every `run` call stops starting new inputs after `sliceMs` and is terminated by
 * isolated-vm after `timeoutMs + sliceMs`. So an input that is still running when the call is
 * terminated has run for at least `timeoutMs` on its own: it is the guilty one, and only it gets
 * the timeout error. The progress buffer says which input it was; the inputs finished earlier in
 * that call are run again in a fresh context (their results were lost with the call).
 *
 * Memory: when the isolate dies on its memory limit, the input running at that moment gets the
 * error, a new isolate is created and the others go on.
 *
 * When the failing moment cannot be pinned on one input (in the microtask phase, while loading),
 * the inputs of that call are run again one per call, where it can.
 *
 * After MAX_CONSECUTIVE_LIMIT_FAILURES inputs in a row fail on the same limit, the remaining
 * inputs of the call get that error without being run, so a function that loops forever on
 * everything costs a few timeouts, not one per input.
 */
import {
  type LimitKind,
  MAX_CONSECUTIVE_LIMIT_FAILURES,
  NEVER_SETTLED_MESSAGE,
  memoryMessage,
  skippedMessage,
  timeoutMessage,
} from './evaluation';
import { type CollectEntry, type HarnessOptions, PHASE, type RunOutput } from './harness';
import { IsolateSlot, PreparedContext, Session } from './isolate-session';
import { LOG_MAX_CHARS, LOG_MAX_LINES, type SandboxLimits } from './limits';
import { type BatchInputs, type BatchResults, chunkText, inputCount, inputLength } from './protocol';

/** Chunks up to this size are parsed in the `run` call itself (one round trip less; parsing them takes microseconds). */
const SMALL_CHUNK_CHARS = 64 * 1024;

type Failure = { kind: LimitKind; isCatastrophe: boolean } | { kind: 'internal'; message: string };
type Call = { op: 'open' | 'load' | 'run' | 'collect'; start: number; end: number };

/**
 * Evaluates sources on JSON inputs in an isolate, recreating the isolate when it dies.
 *
 * @example await new IsolateRunner({ timeoutMs: 1000, memoryMb: 64 }).evaluate('x => x * 2', encodeInputs(['1', '2']), false)
 */
export class IsolateRunner {
  /** An isolate failed catastrophically and its thread is lost: replace this process soon. */
  isTainted = false;
  readonly harnessOptions: HarnessOptions;
  private slot: IsolateSlot | undefined;
  /** Made while the last result travels back, so the next `evaluate` need not wait for a context. */
  private spare: { slot: IsolateSlot; context: Promise<PreparedContext | undefined> } | undefined;

  constructor(
    readonly limits: SandboxLimits,
    /** Called after each call that made progress; the host uses it as a heartbeat. */
    private readonly onProgress: () => void = () => undefined,
  ) {
    this.harnessOptions = {
      // Short enough that a looping input is cut off soon after its own limit (see the top).
      sliceMs: Math.min(50, Math.max(1, Math.round(limits.timeoutMs / 4))),
      // A call's results should stay well inside the heap.
      outputBudgetChars: Math.floor((limits.memoryMb * 1024 * 1024) / 16),
      maxLogLines: LOG_MAX_LINES,
      maxLogChars: LOG_MAX_CHARS,
      neverSettledMessage: NEVER_SETTLED_MESSAGE,
    };
  }

  /** Never throws for user errors; results are index-aligned with the inputs. */
  async evaluate(source: string, inputs: BatchInputs, captureLog: boolean): Promise<BatchResults> {
    const results = await new Batch(this, source, inputs, captureLog).evaluate();
    this.prepareSpare();
    return results;
  }

  /** The live isolate, or a new one when the last one died. */
  acquireSlot(): IsolateSlot {
    if (!this.slot?.isUsable) {
      if (this.slot?.catastrophe !== undefined) {
        this.isTainted = true;
      }
      this.slot = new IsolateSlot(this.limits.memoryMb);
    }
    return this.slot;
  }

  /** A fresh context in `slot`: the spare one when there is one. */
  async takeContext(slot: IsolateSlot): Promise<PreparedContext> {
    const spare = this.spare;
    this.spare = undefined;
    const prepared = spare ? await spare.context : undefined;
    if (prepared?.slot === slot && slot.isUsable) {
      return prepared;
    }
    prepared?.release();
    return PreparedContext.create(slot, this.harnessOptions);
  }

  progressed(): void {
    this.onProgress();
  }

  dispose(): void {
    this.slot?.dispose();
    this.slot = undefined;
  }

  private prepareSpare(): void {
    const slot = this.slot;
    if (slot?.isUsable && this.spare === undefined) {
      this.spare = { slot, context: PreparedContext.create(slot, this.harnessOptions).catch(() => undefined) };
    }
  }
}

/** The state of one `evaluate`: which inputs have results, where to go on, how to recover. */
class Batch {
  private readonly count: number;
  private readonly values: unknown[];
  private readonly errors: (string | undefined)[];
  private readonly logs: (string[] | undefined)[];
  private readonly isResolved: Uint8Array;
  /** Maximum JSON characters of inputs sent to the isolate in one chunk. */
  private readonly chunkChars: number;
  private cursor = 0;
  /** Inputs before this index run one per call (after a failure that could not be pinned down). */
  private singleUntil = 0;
  /** Shrinks when calls stop early, so a chunk is not parsed again and again. */
  private maxChunkItems = Number.POSITIVE_INFINITY;
  private streak: { kind: LimitKind; count: number } | undefined;
  private call: Call = { op: 'open', start: 0, end: 0 };

  constructor(
    private readonly runner: IsolateRunner,
    private readonly source: string,
    private readonly inputs: BatchInputs,
    private readonly captureLog: boolean,
  ) {
    this.count = inputCount(inputs);
    this.values = new Array<unknown>(this.count).fill(null);
    this.errors = new Array<string | undefined>(this.count).fill(undefined);
    this.logs = new Array<string[] | undefined>(this.count).fill(undefined);
    this.isResolved = new Uint8Array(this.count);
    // A chunk's parsed inputs should stay well inside the heap.
    this.chunkChars = Math.floor((runner.limits.memoryMb * 1024 * 1024) / 16);
  }

  async evaluate(): Promise<BatchResults> {
    while (this.skipResolved() < this.count) {
      const slot = this.runner.acquireSlot();
      let session: Session | undefined;
      this.call = { op: 'open', start: this.cursor, end: this.cursor };
      try {
        const compiled = await slot.compile(this.source);
        if ('syntaxError' in compiled) {
          this.failFrom(0, compiled.syntaxError);
          break;
        }
        const { timeoutMs } = this.runner.limits;
        session = await Session.open(await this.runner.takeContext(slot), compiled.script, timeoutMs, this.runner.harnessOptions.sliceMs);
        await this.drive(session);
      } catch (error) {
        this.recover(slot, classify(error, slot));
      } finally {
        session?.close();
      }
    }
    this.failFrom(0, 'Sandbox error: the function produced no result for this input');
    const errors: unknown[] = [];
    this.errors.forEach((message, i) => {
      if (message !== undefined) {
        errors.push(i, message);
      }
    });
    return { values: this.values, errors, logs: this.captureLog ? this.logs.map((log) => log ?? []) : null };
  }

  /** Runs chunk after chunk in one context until every input has a result or a call fails. */
  private async drive(session: Session): Promise<void> {
    while (this.skipResolved() < this.count) {
      const start = this.cursor;
      const single = start < this.singleUntil;
      const end = this.chunkEnd(start, single);
      const json = chunkText(this.inputs, start, end);
      let output: RunOutput;
      if (json.length <= SMALL_CHUNK_CHARS) {
        this.call = { op: 'run', start, end };
        output = await session.loadAndRun(json, start, this.captureLog, single);
      } else {
        this.call = { op: 'load', start, end };
        await session.load(json, start, this.captureLog);
        this.call = { op: 'run', start, end };
        output = await session.run(single);
      }
      if (!(output.start === start && output.next > start && output.next <= end)) {
        throw new Error(`the harness reported inputs [${output.start}, ${output.next}) for [${start}, ${end})`);
      }
      this.recordRun(output);
      if (output.pending.length > 0) {
        this.call = { op: 'collect', start, end: output.next };
        this.recordCollected(await session.collect());
      }
      if (!single && output.next < end) {
        this.maxChunkItems = Math.max(16, 2 * (output.next - start));
      }
      this.cursor = output.next;
      this.runner.progressed();
    }
  }

  /** Attributes a failed call to the input that caused it, where it can, and sets where to go on. */
  private recover(slot: IsolateSlot, failure: Failure): void {
    const call = this.call;
    if (failure.kind === 'internal') {
      const end = call.op === 'open' ? this.count : call.end;
      for (let i = call.start; i < end; i++) {
        this.fail(i, `Sandbox error: ${failure.message}`);
      }
      this.cursor = end;
      this.runner.dispose();
      return;
    }
    if (failure.isCatastrophe) {
      this.runner.isTainted = true;
    }
    const message = failure.kind === 'timeout' ? timeoutMessage(this.runner.limits.timeoutMs) : memoryMessage(this.runner.limits.memoryMb);
    if (call.op === 'open') {
      // Evaluating the source itself failed: it fails the same way for every input.
      this.failFrom(0, message);
      return;
    }
    const current = slot.progress[0] ?? -1;
    const phase = slot.progress[1];
    const started = current >= call.start && current < call.end;
    let guilty: number;
    if (call.op === 'run' && phase === PHASE.run && started) {
      guilty = current;
    } else if (call.end - call.start === 1) {
      guilty = call.start;
    } else {
      // Promise continuations, serializing or loading: no single input to blame; run them one per call.
      this.singleUntil = Math.max(this.singleUntil, (started && call.op !== 'load' ? current : call.end - 1) + 1);
      this.cursor = call.start;
      return;
    }
    this.fail(guilty, message);
    this.streak = this.streak?.kind === failure.kind ? { kind: failure.kind, count: this.streak.count + 1 } : { kind: failure.kind, count: 1 };
    if (this.streak.count >= MAX_CONSECUTIVE_LIMIT_FAILURES) {
      this.failFrom(guilty + 1, skippedMessage(message));
    }
    // The inputs the call finished before the guilty one are run again; their results were lost.
    this.cursor = call.start;
  }

  private recordRun(output: RunOutput): void {
    const { start, values, objects, errors, pending, logs } = output;
    const isSpecial = new Set<number>(pending);
    for (let j = 0; j + 1 < objects.length; j += 2) {
      const k = objects[j] as number;
      isSpecial.add(k);
      this.succeed(start + k, objects[j + 1], logs?.[k]);
    }
    for (let j = 0; j + 1 < errors.length; j += 2) {
      const k = errors[j] as number;
      isSpecial.add(k);
      this.fail(start + k, String(errors[j + 1]), logs?.[k]);
    }
    for (let k = 0; k < values.length; k++) {
      if (isSpecial.size === 0 || !isSpecial.has(k)) {
        this.succeed(start + k, values[k], logs?.[k]);
      }
    }
  }

  private recordCollected(entries: CollectEntry[]): void {
    for (const [index, isError, payload, log] of entries) {
      if (isError === 1) {
        this.fail(index, String(payload), log ?? undefined);
      } else {
        this.succeed(index, payload, log ?? undefined);
      }
    }
  }

  private succeed(index: number, value: unknown, log: string[] | undefined): void {
    if (this.resolve(index, log)) {
      this.values[index] = value;
      this.streak = undefined;
    }
  }

  private fail(index: number, message: string, log?: string[]): void {
    if (this.resolve(index, log)) {
      this.errors[index] = message;
    }
  }

  /** Marks input `index` done unless it already is (or does not exist); false then. */
  private resolve(index: number, log: string[] | undefined): boolean {
    if (!(index >= 0 && index < this.count) || this.isResolved[index] === 1) {
      return false;
    }
    this.isResolved[index] = 1;
    this.logs[index] = log;
    return true;
  }

  private failFrom(start: number, message: string): void {
    for (let i = start; i < this.count; i++) {
      this.fail(i, message);
    }
  }

  private skipResolved(): number {
    while (this.cursor < this.count && this.isResolved[this.cursor] === 1) {
      this.cursor++;
    }
    return this.cursor;
  }

  private chunkEnd(start: number, single: boolean): number {
    if (single) {
      return start + 1;
    }
    let end = start;
    let chars = 2;
    while (end < this.count && this.isResolved[end] === 0 && end - start < this.maxChunkItems) {
      const size = inputLength(this.inputs, end) + 1;
      if (end > start && chars + size > this.chunkChars) {
        break;
      }
      chars += size;
      end++;
    }
    return end;
  }
}

function classify(error: unknown, slot: IsolateSlot): Failure {
  if (slot.catastrophe !== undefined) {
    // "Catastrophic out-of-memory error" or "Script failed to terminate".
    return { kind: /memory/i.test(slot.catastrophe) ? 'memory' : 'timeout', isCatastrophe: true };
  }
  if (slot.isolate.isDisposed) {
    return { kind: 'memory', isCatastrophe: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) {
    return { kind: 'timeout', isCatastrophe: false };
  }
  return { kind: 'internal', message };
}
