import { Injectable } from '@nestjs/common';
import type { CallerIdentity } from '@granary/db';
import type pg from 'pg';

export interface NewRunRow {
  /** A test name or id. */
  test: string;
  /** The document as jsonb text; null when it is `rawData` itself (the usual case: sent once). */
  dataText: string | null;
  rawData: string;
  start: Date;
  stop: Date;
  description: string | null;
  /** The owner team asked for (or the uploader's only team); null: the test's owner. */
  owner: string | null;
  /** Teams the caller may own runs for besides the test's owner; null: any (administrators). */
  mayOwn: string[] | null;
  access: 'PUBLIC' | 'PROTECTED' | 'PRIVATE';
  uploadedBy: string;
  metadata: unknown[] | null;
  uploadKey: string | null;
}

/** What granary_upload_run did. */
export type StoreOutcome =
  | { outcome: 'created' | 'existing'; runId: number; owner: string }
  | { outcome: 'no-test' }
  | { outcome: 'owner-refused'; owner: string };

export interface UploadTarget {
  testId: number;
  owner: string;
  /** The run an earlier upload with the same upload key created. */
  existing: number | null;
  /** Values at the requested JSONPaths, in order (null when absent). */
  values: unknown[];
}

/**
 * Uploads are the hottest path: plain `pg` statements, as few round trips as possible, inside
 * the caller's transaction (Db.rawAsCaller) so that row-level security applies.
 */
@Injectable()
export class RunsRepository {
  /**
   * In one statement: the test a caller may upload to (granary_upload_target: write-only access
   * for uploaders), the earlier run with the same upload key, and the values at PostgreSQL
   * jsonpaths in the document (the dialect Horreum users write). A path PostgreSQL cannot parse
   * makes the statement fail.
   */
  async findUploadTarget(client: pg.PoolClient, test: string, uploadKey: string | null, document: string | null, paths: string[]): Promise<UploadTarget | undefined> {
    const { rows } = await client.query<{ test_id: number; owner: string; existing: number | null; vals: unknown[] | null }>(
      `SELECT t.test_id, t.owner,
              CASE WHEN $2::text IS NULL THEN NULL ELSE granary_run_by_upload_key(t.test_id, $2::text) END AS existing,
              (SELECT jsonb_agg(jsonb_path_query_first($3::jsonb, x.path::jsonpath) ORDER BY x.ord)
               FROM unnest($4::text[]) WITH ORDINALITY AS x(path, ord)) AS vals
       FROM granary_upload_target($1) t`,
      [test, uploadKey, document, paths],
    );
    const row = rows[0];
    return row ? { testId: row.test_id, owner: row.owner, existing: row.existing, values: row.vals ?? [] } : undefined;
  }

  /**
   * The upload's write in one statement (granary_upload_run): acts for `identity`, finds the test,
   * honours the upload key, checks the owner and inserts the run. On a pool it is its own
   * transaction; on a client, part of the client's.
   */
  async storeRun(executor: pg.Pool | pg.PoolClient, identity: CallerIdentity, row: NewRunRow): Promise<StoreOutcome> {
    const { rows } = await executor.query<{ outcome: StoreOutcome['outcome']; run_id: number | null; owner: string | null }>({
      name: 'granary_upload_run',
      text: 'SELECT outcome, run_id, owner FROM granary_upload_run($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)',
      values: [
        identity.userId ?? '', identity.roles.join(','), row.test, row.uploadKey, row.owner, row.mayOwn,
        row.dataText, row.rawData, row.metadata === null ? null : JSON.stringify(row.metadata), row.start, row.stop,
        row.description, row.access, row.uploadedBy,
      ],
    });
    const { outcome, run_id: runId, owner } = rows[0]!;
    switch (outcome) {
      case 'created':
      case 'existing':
        return { outcome, runId: runId!, owner: owner! };
      case 'owner-refused':
        return { outcome, owner: owner! };
      default:
        return { outcome: 'no-test' };
    }
  }
}
