/**
 * The isolated-vm plumbing under isolate-runner.ts: an isolate with its caches (IsolateSlot), a
 * fresh context with the harness installed (PreparedContext) and the calls into it (Session).
 * Every call is guarded, because after a catastrophic error isolated-vm never settles it.
 */
import ivm from 'isolated-vm';
import { type CollectEntry, HARNESS_SOURCE, type HarnessOptions, PHASE, type RunOutput, SOURCE_FILENAME, describeSyntaxError, wrapSource } from './harness';

/** Distinct sources whose compiled script is kept per isolate (least recently used go first). */
const SOURCE_CACHE_SIZE = 200;
/** Bound for calls that run none of the user's code (parsing inputs, collecting results). */
const TRUSTED_CALL_TIMEOUT_MS = 10_000;

type CompiledSource = { script: ivm.Script } | { syntaxError: string };

/** One isolate, its compiled harness and sources, and the progress buffer it shares with us. */
export class IsolateSlot {
  readonly isolate: ivm.Isolate;
  readonly progress = new Int32Array(new SharedArrayBuffer(8));
  readonly progressCopy = new ivm.ExternalCopy(this.progress.buffer);
  /** Set when isolated-vm reports a catastrophic error: the isolate's thread is lost. */
  catastrophe: string | undefined;
  private readonly catastrophePromise: Promise<never>;
  private harness: ivm.Script | undefined;
  private readonly sources = new Map<string, CompiledSource>();

  constructor(memoryMb: number) {
    let fail: (error: Error) => void = () => undefined;
    this.catastrophePromise = new Promise<never>((_, reject) => (fail = reject));
    this.catastrophePromise.catch(() => undefined);
    this.isolate = new ivm.Isolate({
      memoryLimit: memoryMb,
      // Without this handler a V8 out-of-memory inside an isolate aborts the whole process. With
      // it the isolate's thread sleeps forever and its call never settles, hence guard().
      onCatastrophicError: (message) => {
        this.catastrophe = message;
        fail(new Error(message));
      },
    });
  }

  get isUsable(): boolean {
    return this.catastrophe === undefined && !this.isolate.isDisposed;
  }

  /** A call into the isolate that also ends when the isolate fails catastrophically. */
  guard<T>(call: Promise<T>): Promise<T> {
    return Promise.race([call, this.catastrophePromise]);
  }

  async harnessScript(): Promise<ivm.Script> {
    this.harness ??= await this.guard(this.isolate.compileScript(HARNESS_SOURCE, { filename: 'harness.js' }));
    return this.harness;
  }

  async compile(source: string): Promise<CompiledSource> {
    const cached = this.sources.get(source);
    if (cached) {
      this.sources.delete(source);
      this.sources.set(source, cached);
      return cached;
    }
    const compiled = await this.compileNew(source);
    this.sources.set(source, compiled);
    if (this.sources.size > SOURCE_CACHE_SIZE) {
      const [oldest, evicted] = this.sources.entries().next().value as [string, CompiledSource];
      this.sources.delete(oldest);
      if ('script' in evicted) {
        evicted.script.release();
      }
    }
    return compiled;
  }

  private async compileNew(source: string): Promise<CompiledSource> {
    if (source.trim() === '') {
      return { syntaxError: 'Syntax error: the function is empty' };
    }
    try {
      return { script: await this.guard(this.isolate.compileScript(wrapSource(source), { filename: SOURCE_FILENAME })) };
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'SyntaxError' || !this.isUsable) {
        throw error;
      }
      return { syntaxError: describeSyntaxError(error.message, source) };
    }
  }

  /** Before each call, so that what the harness writes is about this call only. */
  resetProgress(): void {
    this.progress[0] = -1;
    this.progress[1] = PHASE.idle;
  }

  dispose(): void {
    // After a catastrophe the isolate's thread is stuck; leave it to the process's end.
    if (this.catastrophe === undefined && !this.isolate.isDisposed) {
      this.isolate.dispose();
    }
  }
}

/** A fresh context with only the harness installed in it: no user code has run there yet. */
export class PreparedContext {
  private constructor(
    readonly slot: IsolateSlot,
    readonly context: ivm.Context,
    readonly handles: { release(): void }[],
    readonly dispatch: ivm.Reference<unknown>,
  ) {}

  static async create(slot: IsolateSlot, options: HarnessOptions): Promise<PreparedContext> {
    const context = await slot.guard(slot.isolate.createContext());
    const handles: { release(): void }[] = [context];
    try {
      const harness = await slot.harnessScript();
      const installer = (await slot.guard(harness.run(context, { reference: true, timeout: TRUSTED_CALL_TIMEOUT_MS }))) as ivm.Reference<unknown>;
      handles.push(installer);
      const dispatch = (await slot.guard(
        installer.apply(undefined, [slot.progressCopy.copyInto(), JSON.stringify(options)], {
          result: { reference: true },
          timeout: TRUSTED_CALL_TIMEOUT_MS,
        }),
      )) as ivm.Reference<unknown>;
      handles.push(dispatch);
      return new PreparedContext(slot, context, handles, dispatch);
    } catch (error) {
      releaseAll(handles);
      throw error;
    }
  }

  release(): void {
    releaseAll(this.handles);
  }
}

/** A prepared context with the user's source evaluated in it, for one `evaluate`. */
export class Session {
  private constructor(
    private readonly prepared: PreparedContext,
    private readonly factory: ivm.Reference<unknown>,
    private readonly runTimeoutMs: number,
  ) {}

  static async open(prepared: PreparedContext, script: ivm.Script, timeoutMs: number, sliceMs: number): Promise<Session> {
    try {
      // The user's code runs for the first time here (a source can be more than a function expression).
      const factory = (await prepared.slot.guard(script.run(prepared.context, { reference: true, timeout: timeoutMs }))) as ivm.Reference<unknown>;
      prepared.handles.push(factory);
      return new Session(prepared, factory, timeoutMs + sliceMs);
    } catch (error) {
      prepared.release();
      throw error;
    }
  }

  async load(json: string, start: number, captureLog: boolean): Promise<void> {
    const { slot, dispatch } = this.prepared;
    slot.resetProgress();
    await slot.guard(dispatch.apply(undefined, ['load', json, start, this.factory.derefInto(), captureLog], { timeout: TRUSTED_CALL_TIMEOUT_MS }));
  }

  /** load and run in one call, for chunks small enough that parsing them takes no real time. */
  async loadAndRun(json: string, start: number, captureLog: boolean, single: boolean): Promise<RunOutput> {
    const { slot, dispatch } = this.prepared;
    slot.resetProgress();
    const text = await slot.guard(
      dispatch.apply(undefined, ['load', json, start, this.factory.derefInto(), captureLog, single ? 'single' : 'batch'], { timeout: this.runTimeoutMs }),
    );
    return JSON.parse(text as string) as RunOutput;
  }

  async run(single: boolean): Promise<RunOutput> {
    const { slot, dispatch } = this.prepared;
    slot.resetProgress();
    const text = await slot.guard(dispatch.apply(undefined, ['run', single], { timeout: this.runTimeoutMs }));
    return JSON.parse(text as string) as RunOutput;
  }

  async collect(): Promise<CollectEntry[]> {
    const { slot, dispatch } = this.prepared;
    slot.resetProgress();
    const text = await slot.guard(dispatch.apply(undefined, ['collect'], { timeout: TRUSTED_CALL_TIMEOUT_MS }));
    return JSON.parse(text as string) as CollectEntry[];
  }

  /** Releases the context and its handles; what the function left in it goes with it. */
  close(): void {
    if (this.prepared.slot.isUsable) {
      this.prepared.release();
    }
  }
}

function releaseAll(handles: { release(): void }[]): void {
  for (const handle of handles.reverse()) {
    try {
      handle.release();
    } catch {
      // The isolate is gone already; nothing left to release.
    }
  }
}
