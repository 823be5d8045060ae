import { Inject, Injectable } from '@nestjs/common';
import { Db, Prisma } from '@granary/db';
import { hasTeamRole } from '../auth/roles';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { testerOfTest, visibleTest } from '../tests/test-access';
import { PipelineRequests } from './pipeline-requests';
import type { RecalculationDto, RecalculationStatusDto } from './recalculation.dto';

interface RecalculationRow {
  id: number;
  kind: string;
  reason: string;
  state: string;
  done: number;
  total: number;
  errors: number;
  label_ids: number[];
  created_at: Date;
  finished_at: Date | null;
}

/** Recalculation on request (a test, a run, a time range) and the progress of every recalculation. */
@Injectable()
export class RecalculationService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  /** Transforms every run of the test again, in the background. */
  async recalculateTest(caller: UserCaller, testId: number): Promise<number> {
    const id = await this.db.asCaller(identityOf(caller), async (tx) => {
      await testerOfTest(tx, caller, testId, 'Recalculating');
      return this.pipeline.testChanged(tx, testId, `recalculation requested by ${caller.username}`);
    });
    this.pipeline.wake(testId);
    return id;
  }

  /** Horreum's status of the latest run recalculation, with percent and state. */
  async status(caller: Caller, testId: number): Promise<RecalculationStatusDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleTest(tx, testId);
      const [latest] = await tx.$queryRaw<RecalculationRow[]>(Prisma.sql`
        SELECT * FROM recalculation WHERE test_id = ${testId} AND kind = 'runs' ORDER BY id DESC LIMIT 1`);
      const [{ n }] = (await tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM dataset WHERE test_id = ${testId}`)) as [{ n: number }];
      return {
        timestamp: latest ? latest.created_at.getTime() : 0,
        totalRuns: latest?.total ?? 0,
        finished: latest?.done ?? 0,
        datasets: n,
        state: latest?.state ?? 'none',
        percent: latest ? percent(latest) : 100,
      };
    });
  }

  /** The test's recent recalculations of every kind, newest first. */
  async list(caller: Caller, testId: number): Promise<RecalculationDto[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleTest(tx, testId);
      const rows = await tx.$queryRaw<RecalculationRow[]>(Prisma.sql`
        SELECT * FROM recalculation WHERE test_id = ${testId} ORDER BY id DESC LIMIT 50`);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        reason: r.reason,
        state: r.state,
        done: r.done,
        total: r.total,
        percent: percent(r),
        errors: r.errors,
        labelIds: r.label_ids,
        createdAt: r.created_at.getTime(),
        ...(r.finished_at ? { finishedAt: r.finished_at.getTime() } : {}),
      }));
    });
  }

  /** Horreum's synchronous run recalculation: transforms the run again and answers its dataset ids. */
  async recalculateRun(caller: UserCaller, runId: number): Promise<number[]> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      const [run] = await tx.$queryRaw<{ owner: string }[]>(Prisma.sql`SELECT owner FROM run WHERE id = ${runId}`);
      if (!run) {
        throw new DomainError('not-found', { detail: `Run ${runId} does not exist, or you may not see it.` });
      }
      if (!hasTeamRole(caller, run.owner, 'tester')) {
        throw new DomainError('forbidden', { detail: `Recalculating run ${runId} needs the tester role of ${run.owner}.` });
      }
      await tx.$executeRaw(Prisma.sql`UPDATE run SET pending = true WHERE id = ${runId} AND NOT trashed`);
    });
    this.pipeline.wake();
    await this.pipeline.whenProcessed(runId);
    return this.db.asCaller(identityOf(caller), async (tx) =>
      (await tx.$queryRaw<{ id: number }[]>(Prisma.sql`SELECT id FROM dataset WHERE run_id = ${runId} ORDER BY ordinal`)).map((r) => r.id),
    );
  }

  /**
   * Horreum's updateRunSchema: sets `$schema` on the run's root (no path), on the object under a
   * first-level key, or on an element of a root array, then transforms the run again. Answers
   * `{schemaId: uri}` when the URI is a known schema (else `{}`).
   */
  async setRunSchema(caller: UserCaller, runId: number, path: string | undefined, uri: string): Promise<Record<string, string>> {
    const known = await this.db.asCaller(identityOf(caller), async (tx) => {
      const [run] = await tx.$queryRaw<{ owner: string; kind: string }[]>(Prisma.sql`SELECT owner, jsonb_typeof(data) AS kind FROM run WHERE id = ${runId}`);
      if (!run) {
        throw new DomainError('not-found', { detail: `Run ${runId} does not exist, or you may not see it.` });
      }
      if (!hasTeamRole(caller, run.owner, 'tester')) {
        throw new DomainError('forbidden', { detail: `Changing run ${runId} needs the tester role of ${run.owner}.` });
      }
      const target = path === undefined || path === '' ? [] : run.kind === 'array' ? [String(Number.parseInt(path, 10))] : [path];
      if (target.length === 1 && run.kind === 'array' && !/^\d+$/.test(path ?? '')) {
        throw new DomainError('validation-failed', { detail: 'The run is an array: path must be an element index.', errors: [{ pointer: '/path', message: 'not an index' }] });
      }
      const updated = await tx.$executeRaw(Prisma.sql`
        UPDATE run SET data = jsonb_set(data, ${[...target, '$schema']}::text[], to_jsonb(${uri}::text), true), pending = true
        WHERE id = ${runId} AND jsonb_typeof(CASE WHEN ${target.length} = 0 THEN data ELSE data #> ${target}::text[] END) = 'object'`);
      if (updated === 0) {
        throw new DomainError('validation-failed', { detail: `There is no object at ${path ?? 'the root'} of run ${runId} to carry a $schema.`, errors: [{ pointer: '/path', message: 'no object there' }] });
      }
      return tx.$queryRaw<{ id: number; uri: string }[]>(Prisma.sql`SELECT id, uri FROM schema WHERE uri = ${uri}`);
    });
    this.pipeline.wake();
    return Object.fromEntries(known.map((s) => [String(s.id), s.uri]));
  }

  /** Administrators: transform every run that started in [from, to] again. */
  async recalculateAll(from: Date | undefined, to: Date | undefined): Promise<number> {
    const count = await this.db.asSystem('recalculate all runs', (tx) =>
      tx.$executeRaw(Prisma.sql`UPDATE run SET pending = true
        WHERE NOT trashed AND (${from ?? null}::timestamptz IS NULL OR start >= ${from ?? null}::timestamptz)
          AND (${to ?? null}::timestamptz IS NULL OR start <= ${to ?? null}::timestamptz)`),
    );
    this.pipeline.wake();
    return count;
  }

}

function percent(r: { done: number; total: number; state: string }): number {
  if (r.state === 'done' || r.total === 0) {
    return r.state === 'done' ? 100 : 0;
  }
  return Math.min(100, Math.round((1000 * r.done) / r.total) / 10);
}
