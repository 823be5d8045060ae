import { Injectable } from '@nestjs/common';
import type pg from 'pg';

export interface NewRunRow {
  testId: number;
  /** The document as jsonb text; null when it is `rawData` itself (the usual case: sent once). */
  dataText: string | null;
  rawData: string;
  start: Date;
  stop: Date;
  description: string | null;
  owner: string;
  access: 'PUBLIC' | 'PROTECTED' | 'PRIVATE';
  uploadedBy: string;
  metadata: unknown[] | null;
  uploadKey: string | null;
}

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
   * Inserts without RETURNING (an uploader may write a run it may not read, and RETURNING would
   * apply the read policy): the id comes from the sequence in the same statement.
   */
  async insertRun(client: pg.PoolClient, row: NewRunRow): Promise<number> {
    const { rows } = await client.query<{ id: number }>(
      `WITH n AS (SELECT nextval(pg_get_serial_sequence('run', 'id'))::int AS id),
            ins AS (
              INSERT INTO run (id, test_id, data, raw_data, metadata, start, stop, description, owner, access, uploaded_by, upload_key)
              SELECT n.id, $1, coalesce($2::jsonb, $3::text::jsonb), $3::text, $4::jsonb, $5, $6, $7, $8, $9::access, $10::uuid, $11 FROM n)
       SELECT id FROM n`,
      [row.testId, row.dataText, row.rawData, row.metadata === null ? null : JSON.stringify(row.metadata), row.start, row.stop, row.description, row.owner, row.access, row.uploadedBy, row.uploadKey],
    );
    return rows[0]!.id;
  }
}
