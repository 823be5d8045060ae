import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db, SYSTEM_ROLES } from '@granary/db';
import { checkMissingData, checkRunExpectations } from '@granary/pipeline';
import { CONFIG } from '../common/config/config.module';
import { CHECKS_LOCK_KEY, TRY_CHECKS_LOCK } from './notifier.queries';
import { runPeriodically } from './periodic';

export interface CheckResult {
  /** False when another process held the lock: it did the checks. */
  ran: boolean;
  missingData: number;
  missedRuns: number;
}

/**
 * Every GRANARY_CHECK_INTERVAL_MS, in processes that run workers: missing data rules and run
 * expectations are checked, turning what is missing into events for the notifier. One
 * transaction under an advisory lock, so that with several API processes one does the work.
 */
@Injectable()
export class ChecksService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private periodic: { stop(): Promise<void> } | undefined;

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workers) {
      this.periodic = runPeriodically(this.config.checkInterval, () => this.runChecks(new Date()), (error) => this.logger.error({ msg: 'the missing data checks failed', err: error }));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic?.stop();
  }

  /** Both checks at `now`, unless another process is doing them. */
  async runChecks(now: Date): Promise<CheckResult> {
    const result = await this.db.rawAsCaller(
      { userId: null, roles: SYSTEM_ROLES },
      async (client) => {
        const locked = (await client.query<{ locked: boolean }>(TRY_CHECKS_LOCK, [CHECKS_LOCK_KEY])).rows[0]?.locked ?? false;
        if (!locked) {
          return { ran: false, missingData: 0, missedRuns: 0 };
        }
        const rules = await checkMissingData(client, now);
        const missedRuns = await checkRunExpectations(client, now);
        return { ran: true, missingData: rules.length, missedRuns };
      },
      'notifications: missing data and run expectation checks',
    );
    if (result.missingData > 0 || result.missedRuns > 0) {
      this.logger.log({ msg: 'missing data or missed runs found', missingData: result.missingData, missedRuns: result.missedRuns });
    }
    return result;
  }
}
