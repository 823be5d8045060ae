import { EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { Db, Prisma, SYSTEM_ROLES, type Tx } from '@granary/db';

/** Longest a caller waits for the pipeline to process a run (`?wait=true`, run recalculation). */
const MAX_WAIT_MS = 60_000;

/** A run is processed when it has its datasets and their datapoints and changes (change detection). */
const WAITING_FOR = `
  SELECT r.pending OR EXISTS (SELECT 1 FROM detection_pending p JOIN dataset d ON d.id = p.dataset_id WHERE d.run_id = r.id) AS pending
  FROM run r WHERE r.id = $1`;

/**
 * How the rest of the API asks the pipeline for work. Requests are rows written in the caller's
 * own transaction (so a definition change and its recalculation commit or roll back together);
 * `wake()` after the commit makes the workers start at once instead of at their next poll.
 * Only what depends on a change is recomputed: a label edit recomputes that label, a schema or
 * transformer change re-transforms the runs that carry the schema.
 */
@Injectable()
export class PipelineRequests {
  /** Emits 'wake' (with a test id or nothing) for the in-process worker. */
  readonly events = new EventEmitter();

  constructor(@Inject(Db) private readonly db: Db) {}

  /** Labels were added or changed: recompute those labels on every dataset of their schema. */
  async labelsChanged(tx: Tx, labelIds: readonly number[], reason: string): Promise<void> {
    if (labelIds.length === 0) {
      return;
    }
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO recalculation (kind, reason, label_ids) VALUES ('labels', ${reason}, ${[...labelIds]}::int[])`);
  }

  /**
   * A schema's URI or JSON Schema changed, a schema was created, or one of its transformers
   * changed: every run that carries the schema's URI is transformed again.
   */
  async schemaChanged(tx: Tx, schemaId: number, reason: string): Promise<void> {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO recalculation (kind, reason, schema_id) VALUES ('runs', ${reason}, ${schemaId})`);
  }

  /** A test's fingerprint labels or filter changed: recompute its datasets' fingerprints. */
  async fingerprintsChanged(tx: Tx, testId: number, reason: string): Promise<void> {
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO recalculation (test_id, kind, reason) VALUES (${testId}, 'fingerprints', ${reason})`);
  }

  /** A test's transformers changed, or a tester asked: transform every run of the test again. Returns the recalculation id. */
  async testChanged(tx: Tx, testId: number, reason: string): Promise<number> {
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      INSERT INTO recalculation (test_id, kind, reason) VALUES (${testId}, 'runs', ${reason}) RETURNING id`);
    return rows[0]!.id;
  }

  /**
   * A test's change detection settings (variables, timeline, fingerprint) changed, or a tester
   * asked: datapoints and changes of the whole history again. An unfinished earlier one is
   * superseded. Returns the recalculation id.
   */
  async changesChanged(tx: Tx, testId: number, reason: string): Promise<number> {
    await tx.$executeRaw(Prisma.sql`
      UPDATE recalculation SET state = 'done', finished_at = now()
      WHERE test_id = ${testId} AND kind = 'changes' AND state IN ('queued', 'running')`);
    const rows = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      INSERT INTO recalculation (test_id, kind, reason) VALUES (${testId}, 'changes', ${reason}) RETURNING id`);
    return rows[0]!.id;
  }

  /** Call after the transaction that filed requests (or uploaded runs) has committed. */
  wake(testId?: number): void {
    this.events.emit('wake', testId);
  }

  /**
   * Resolves once the pipeline has processed the run (it is no longer pending), or after 60 s.
   * Asked as the system: an uploader may not read the run it wrote.
   */
  async whenProcessed(runId: number): Promise<void> {
    const deadline = Date.now() + MAX_WAIT_MS;
    let delay = 20;
    const pending = () =>
      this.db.rawAsCaller({ userId: null, roles: SYSTEM_ROLES }, async (client) => (await client.query<{ pending: boolean }>(WAITING_FOR, [runId])).rows[0]?.pending ?? false, 'wait for the pipeline');
    while (Date.now() < deadline && (await pending())) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 1.5, 250);
    }
  }
}
