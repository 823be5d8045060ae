import { Injectable } from '@nestjs/common';
import { Prisma, type Tx } from '@granary/db';

export interface NewRunRow {
  testId: number;
  data: unknown;
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

@Injectable()
export class RunsRepository {
  /** The test a caller may upload to (granary_upload_target: write-only access for uploaders). */
  async findUploadTarget(tx: Tx, test: string): Promise<{ testId: number; owner: string } | undefined> {
    const rows = await tx.$queryRaw<{ test_id: number; owner: string }[]>(Prisma.sql`SELECT test_id, owner FROM granary_upload_target(${test})`);
    return rows[0] ? { testId: rows[0].test_id, owner: rows[0].owner } : undefined;
  }

  /**
   * The values at PostgreSQL jsonpaths in the document (the dialect Horreum users write), in one
   * statement, so that a large document crosses to the database once for all of them. A path
   * PostgreSQL cannot parse makes the whole call fail.
   */
  async valuesAt(tx: Tx, document: unknown, paths: string[]): Promise<unknown[]> {
    if (paths.length === 0) {
      return [];
    }
    const rows = await tx.$queryRaw<{ ord: number; value: unknown }[]>(Prisma.sql`
      SELECT p.ord::int AS ord, jsonb_path_query_first(d.doc, p.path::jsonpath) AS value
      FROM (SELECT ${JSON.stringify(document)}::jsonb AS doc) d,
           unnest(${paths}::text[]) WITH ORDINALITY AS p(path, ord)`);
    return paths.map((_p, i) => rows.find((r) => r.ord === i + 1)?.value ?? undefined);
  }

  /**
   * Inserts without RETURNING: an uploader may write a run it may not read, and RETURNING would
   * apply the read policy. The id comes from the sequence first.
   */
  async insertRun(tx: Tx, row: NewRunRow): Promise<number> {
    const [{ id }] = (await tx.$queryRaw<{ id: number }[]>(Prisma.sql`SELECT nextval(pg_get_serial_sequence('run', 'id'))::int AS id`)) as [{ id: number }];
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO run (id, test_id, data, raw_data, metadata, start, stop, description, owner, access, uploaded_by, upload_key)
      VALUES (${id}, ${row.testId}, ${JSON.stringify(row.data)}::jsonb, ${row.rawData}, ${row.metadata === null ? null : JSON.stringify(row.metadata)}::jsonb,
              ${row.start}, ${row.stop}, ${row.description}, ${row.owner}, ${row.access}::access, ${row.uploadedBy}::uuid, ${row.uploadKey})`);
    return id;
  }

  /** An earlier run of the test with this upload key (granary_run_by_upload_key: uploaders may not read runs). */
  async findByUploadKey(tx: Tx, testId: number, uploadKey: string): Promise<number | undefined> {
    const rows = await tx.$queryRaw<{ id: number | null }[]>(Prisma.sql`SELECT granary_run_by_upload_key(${testId}, ${uploadKey}) AS id`);
    return rows[0]?.id ?? undefined;
  }

  /** Whether the pipeline has yet to process the run (read as the system: the uploader may not read it). */
  async isPending(tx: Tx, runId: number): Promise<boolean> {
    const rows = await tx.$queryRaw<{ pending: boolean }[]>(Prisma.sql`SELECT pending FROM run WHERE id = ${runId}`);
    return rows[0]?.pending ?? false;
  }
}
