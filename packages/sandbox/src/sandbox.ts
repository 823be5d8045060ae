/**
 * The public face of the package. Why a separate process: a V8 out-of-memory inside an isolate
 * (e.g. a Map or an Array growing without bound) is not always caught by isolated-vm's memory
 * limit. Without a handler it aborts the whole process; with one, the isolate's thread is lost
 * with its memory and the process can no longer exit normally. So isolates live in a sandbox host
 * process that can be killed and replaced, and the caller's process never loads isolated-vm (which
 * also keeps it out of vitest workers and away from Node's startup snapshot).
 */
import { type Evaluation, MAX_CONSECUTIVE_LIMIT_FAILURES, skippedMessage, toJsonText } from './evaluation';
import { HostCrash, HostProcess } from './host-process';
import { type SandboxLimits, resolveLimits } from './limits';
import { encodeInputs } from './protocol';

export interface EvaluateOptions {
  /** Capture console output per input into `Evaluation.log` (default false: discarded). */
  captureLog?: boolean;
}

/**
 * Runs users' JavaScript functions (label, transformer, fingerprint filter and timeline
 * functions) on JSON inputs in isolated-vm isolates, with a time and a memory limit.
 *
 * The source is a function expression (`value => value * 2`, `function (v) { return v.a }`,
 * `({a, b}) => a / b`, `async v => v`); it gets one JSON value and returns one (a returned
 * promise is awaited). Only ECMAScript globals exist: no require, process, fetch or timers.
 *
 * @example
 * const sandbox = new Sandbox({ timeoutMs: 500 });
 * await sandbox.evaluate('({a, b}) => a / b', [{ a: 1, b: 2 }, { a: 1, b: 0 }]);
 * // [{ ok: true, value: 0.5 }, { ok: true, value: null }]   (Infinity is not JSON)
 * sandbox.dispose();
 */
export class Sandbox {
  readonly limits: SandboxLimits;
  private host: HostProcess | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextRequestId = 1;
  private isDisposed = false;

  /** Throws RangeError for limits that cannot work (timeoutMs < 1, memoryMb < 8). */
  constructor(limits?: Partial<SandboxLimits>) {
    this.limits = resolveLimits(limits);
  }

  /**
   * Evaluates `source` on each input. Many inputs cross into the isolate in one call (a batch),
   * not one call per input. Never throws for user errors (syntax errors, exceptions, limits, values
   * that are not JSON); results are index-aligned with inputs. Rejects only when the sandbox
   * itself cannot work (disposed, or its host process cannot start).
   *
   * @example await sandbox.evaluate('x => x * 2', [1, 2]) // [{ ok: true, value: 2 }, { ok: true, value: 4 }]
   */
  async evaluate(source: string, inputs: readonly unknown[], options: EvaluateOptions = {}): Promise<Evaluation[]> {
    this.assertUsable();
    const captureLog = options.captureLog === true;
    const results = new Array<Evaluation>(inputs.length);
    const texts: string[] = [];
    const positions: number[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const json = toJsonText(inputs[i]);
      if ('text' in json) {
        texts.push(json.text);
        positions.push(i);
      } else {
        results[i] = failure(`Input is not JSON: ${json.error}`, captureLog);
      }
    }
    if (texts.length > 0) {
      const evaluations = await this.enqueue(() => this.evaluateInHost(source, texts, captureLog));
      evaluations.forEach((evaluation, k) => {
        results[positions[k] as number] = evaluation;
      });
    }
    return results;
  }

  /**
   * Convenience for one input.
   *
   * @example await sandbox.evaluateOne('v => v.a + 1', { a: 1 }) // { ok: true, value: 2 }
   */
  async evaluateOne(source: string, input: unknown, options: EvaluateOptions = {}): Promise<Evaluation> {
    const [result] = await this.evaluate(source, [input], options);
    return result as Evaluation;
  }

  /** Stops the host process. Evaluations still running reject; later ones throw. */
  dispose(): void {
    this.isDisposed = true;
    this.host?.kill();
    this.host = undefined;
  }

  private assertUsable(): void {
    if (this.isDisposed) {
      throw new Error('This Sandbox is disposed');
    }
  }

  /** One evaluation at a time per host process; the isolate runs them one after another anyway. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A host that crashes on a batch (it should not: see isolate-runner.ts) is replaced, and the
   * batch is retried one input per request so that only the inputs that crash it fail.
   */
  private async evaluateInHost(source: string, texts: string[], captureLog: boolean): Promise<Evaluation[]> {
    try {
      return await this.request(source, texts, captureLog);
    } catch (error) {
      if (!(error instanceof HostCrash) || texts.length === 1) {
        return this.crashResults(error, texts.length, captureLog);
      }
    }
    const results: Evaluation[] = [];
    let crashesInARow = 0;
    let lastCrash = '';
    for (const text of texts) {
      if (crashesInARow >= MAX_CONSECUTIVE_LIMIT_FAILURES) {
        results.push(failure(skippedMessage(lastCrash), captureLog));
        continue;
      }
      try {
        results.push(...(await this.request(source, [text], captureLog)));
        crashesInARow = 0;
      } catch (error) {
        const [crash] = this.crashResults(error, 1, captureLog);
        results.push(crash as Evaluation);
        lastCrash = (crash as { error: string }).error;
        crashesInARow++;
      }
    }
    return results;
  }

  /** A crash is a result for the inputs; anything else (disposed, cannot start) is thrown. */
  private crashResults(error: unknown, count: number, captureLog: boolean): Evaluation[] {
    if (!(error instanceof HostCrash) || this.isDisposed) {
      throw this.isDisposed ? new Error('This Sandbox was disposed during the evaluation') : error;
    }
    return Array.from({ length: count }, () => failure(error.message, captureLog));
  }

  private async request(source: string, inputs: string[], captureLog: boolean): Promise<Evaluation[]> {
    this.assertUsable();
    if (!this.host?.isAlive) {
      this.host = new HostProcess(this.limits);
    }
    const host = this.host;
    const response = await host.request({ id: this.nextRequestId++, source, inputs: encodeInputs(inputs), captureLog });
    if (response.recycle) {
      // An isolate's thread is stuck in that process with its memory: start afresh next time.
      host.kill();
      if (this.host === host) {
        this.host = undefined;
      }
    }
    return response.results;
  }
}

function failure(error: string, captureLog: boolean): Evaluation {
  return captureLog ? { ok: false, error, log: [] } : { ok: false, error };
}
