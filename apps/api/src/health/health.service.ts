import { Inject, Injectable } from '@nestjs/common';
import { Db, migrationStatusWith } from '@granary/db';
import type { ReadinessDto } from './health.dto';

@Injectable()
export class HealthService {
  constructor(@Inject(Db) private readonly db: Db) {}

  /** The database answers, and `_prisma_migrations` holds every migration of this build. */
  async readiness(): Promise<ReadinessDto> {
    let client;
    try {
      client = await this.db.pool.connect();
    } catch (error) {
      return {
        status: 'unavailable',
        checks: {
          database: { status: 'down', detail: `cannot connect: ${(error as Error).message}` },
          migrations: { status: 'down', detail: 'database unreachable', pending: [], failed: [] },
        },
      };
    }
    try {
      const status = await migrationStatusWith(client);
      const upToDate = status.pending.length === 0 && status.failed.length === 0;
      return {
        status: upToDate ? 'ready' : 'unavailable',
        checks: {
          database: { status: 'up' },
          migrations: {
            status: upToDate ? 'up' : 'down',
            ...(upToDate ? {} : { detail: 'run `npm run db:migrate` (the launcher does at start)' }),
            pending: status.pending,
            failed: status.failed,
          },
        },
      };
    } catch (error) {
      return {
        status: 'unavailable',
        checks: {
          database: { status: 'up' },
          migrations: { status: 'down', detail: `cannot read the migration history: ${(error as Error).message}`, pending: [], failed: [] },
        },
      };
    } finally {
      client.release();
    }
  }
}
