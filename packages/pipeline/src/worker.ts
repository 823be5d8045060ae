import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import { Pipeline, type FunctionRunner, type PipelineOptions } from './processor';
import { PIPELINE_QUEUE, QUEUE_SCHEMA } from './queue';

export interface WorkerOptions extends PipelineOptions {
  /** Connection for the job queue (pg-boss); without it, workers only wake in-process and by polling. */
  queueUrl?: string;
  /** How often to look for work nobody announced (after a crash, or from another machine), in ms. */
  sweepMs?: number;
}

/**
 * Runs the pipeline in the background of a process. Work is announced in-process (`wake()`),
 * across processes through the job queue, and found by a periodic sweep; whichever comes first
 * starts a drain that runs until nothing is left. Stopping finishes the current transaction.
 */
export class PipelineWorker {
  readonly pipeline: Pipeline;
  private boss: PgBoss | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private sweep: NodeJS.Timeout | undefined;
  private lastSend = 0;

  constructor(
    pool: Pool,
    functions: FunctionRunner,
    private readonly options: WorkerOptions,
  ) {
    this.pipeline = new Pipeline(pool, functions, options);
  }

  async start(): Promise<void> {
    if (this.options.queueUrl) {
      try {
        const boss = new PgBoss({ connectionString: this.options.queueUrl, schema: QUEUE_SCHEMA, migrate: false, max: 3, application_name: 'granary-jobs' });
        boss.on('error', (error) => this.options.log?.('warn', 'job queue error', { error: String(error) }));
        await boss.start();
        await boss.work(PIPELINE_QUEUE, { pollingIntervalSeconds: 1 }, async () => this.drainNow());
        this.boss = boss;
      } catch (error) {
        this.options.log?.('warn', 'job queue unavailable; the pipeline wakes in-process and by polling only', { error: String(error) });
      }
    }
    this.sweep = setInterval(() => void this.sweepOnce(), this.options.sweepMs ?? 5_000);
    this.sweep.unref();
    void this.sweepOnce();
  }

  /** Something to do (an upload committed, a definition changed): start now, and tell other workers. */
  wake(): void {
    void this.drainNow().catch(() => undefined);
    const now = Date.now();
    if (this.boss && now - this.lastSend > 250) {
      this.lastSend = now;
      this.boss.send(PIPELINE_QUEUE, {}, { singletonKey: 'work' }).catch(() => undefined);
    }
  }

  /** Drains until nothing is left; concurrent calls share one drain that runs again if needed. */
  drainNow(): Promise<void> {
    if (this.stopped) {
      return Promise.resolve();
    }
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.pipeline.drain(() => this.stopped);
        } while (this.again && !this.stopped);
      } catch (error) {
        this.options.log?.('error', 'pipeline step failed; it will be retried', { error: error instanceof Error ? error.stack : String(error) });
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async sweepOnce(): Promise<void> {
    if (this.stopped || this.draining) return;
    try {
      if (await this.pipeline.hasWork()) {
        await this.drainNow();
      }
    } catch (error) {
      this.options.log?.('warn', 'pipeline sweep failed', { error: String(error) });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.draining;
    await this.boss?.stop({ graceful: true, wait: true, close: true, timeout: 5_000 }).catch(() => undefined);
  }
}
