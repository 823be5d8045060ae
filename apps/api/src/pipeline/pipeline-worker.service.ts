import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db, SYSTEM_ROLES } from '@granary/db';
import { installJobQueue, PipelineWorker } from '@granary/pipeline';
import { Sandbox } from '@granary/sandbox';
import { CONFIG } from '../common/config/config.module';
import { PipelineRequests } from './pipeline-requests';

/**
 * Runs the results pipeline in this process (GRANARY_WORKERS=true, the default). Several
 * processes may do so against one database: they share the work through the job queue and
 * row locks.
 */
@Injectable()
export class PipelineWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pipeline');
  private worker: PipelineWorker | undefined;
  private sandbox: Sandbox | undefined;

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
    this.worker = new PipelineWorker(this.db.pool, this.sandbox, {
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

  async onApplicationShutdown(): Promise<void> {
    this.requests.events.off('wake', this.onWake);
    await this.worker?.stop();
    this.sandbox?.dispose();
  }
}
