import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db, SYSTEM_ROLES, openWorkerPool } from '@granary/db';
import { installJobQueue, PipelineWorker } from '@granary/pipeline';
import { Sandbox } from '@granary/sandbox';
import { CONFIG } from '../common/config/config.module';
import { PipelineRequests } from './pipeline-requests';

/**
 * Runs the results pipeline in this process (GRANARY_WORKERS=true, the default). Several
 * processes may do so against one database: they share the work through the job queue and
 * row locks. With DATABASE_WORKER_URL (the launcher sets it in embedded mode) the pipeline has
 * its own connections as `granary_worker`, which bypasses row-level security; without it, it
 * shares the API's connections and runs under the policies, as the system.
 */
@Injectable()
export class PipelineWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pipeline');
  private worker: PipelineWorker | undefined;
  private sandbox: Sandbox | undefined;
  private workerPool: Db['pool'] | undefined;

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(PipelineRequests) private readonly requests: PipelineRequests,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workers) {
      return;
    }
    const ownerUrl = this.config.databaseUrl;
    if (ownerUrl) {
      await installJobQueue(ownerUrl).catch((error: unknown) => this.logger.warn({ err: error }, 'could not install the job queue'));
    }
    this.sandbox = new Sandbox({ timeoutMs: this.config.functionTimeout, memoryMb: this.config.functionMemory });
    this.worker = new PipelineWorker(await this.pipelinePool(), this.sandbox, {
      batchSize: this.config.pipelineBatch,
      recalculationParallelism: this.config.recalculationParallelism,
      systemRoles: SYSTEM_ROLES,
      queueUrl: ownerUrl ?? this.config.databaseAppUrl,
      log: (level, message, fields) => this.logger[level === 'info' ? 'log' : level](fields ?? {}, message),
    });
    this.requests.events.on('wake', this.onWake);
    await this.worker.start();
  }

  private readonly onWake = () => this.worker?.wake();

  /**
   * The worker role's own pool when configured and usable: a recalculation's parts run side by
   * side, so it holds one connection per part and one for the step that coordinates them.
   */
  private async pipelinePool(): Promise<Db['pool']> {
    const url = this.config.databaseWorkerUrl;
    if (!url) {
      this.logger.log('the pipeline runs on the app role, under row-level security (DATABASE_WORKER_URL is not set)');
      return this.db.pool;
    }
    const opened = await openWorkerPool(url, Math.max(1, this.config.recalculationParallelism) + 2);
    if ('reason' in opened) {
      this.logger.warn({ reason: opened.reason }, 'DATABASE_WORKER_URL cannot be used; the pipeline runs on the app role, under row-level security');
      return this.db.pool;
    }
    this.logger.log({ role: opened.role }, 'the pipeline runs on its own role, which bypasses row-level security');
    this.workerPool = opened.pool;
    return opened.pool;
  }

  async onApplicationShutdown(): Promise<void> {
    this.requests.events.off('wake', this.onWake);
    await this.worker?.stop();
    this.sandbox?.dispose();
    await this.workerPool?.end().catch(() => undefined);
  }
}
