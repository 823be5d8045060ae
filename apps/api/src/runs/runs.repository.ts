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
}

@Injectable()
export class RunsRepository {
  /** The test a caller may upload to (granary_upload_target: write-only access for uploaders). */
  async findUploadTarget(tx: Tx, test: string): Promise<{ testId: number; owner: string } | undefined> {
    const rows = await tx.$queryRaw<{ test_id: number; owner: string }[]>(Prisma.sql`SELECT test_id, owner FROM granary_upload_target(${test})`);
    return rows[0] ? { testId: rows[0].test_id, owner: rows[0].owner } : undefined;
  }

  /** The value at a PostgreSQL jsonpath in the document (the dialect Horreum users write). */
  async valueAt(tx: Tx, document: unknown, path: string): Promise<unknown> {
    const rows = await tx.$queryRaw<{ value: unknown }[]>(
      Prisma.sql`SELECT jsonb_path_query_first(${JSON.stringify(document)}::jsonb, ${path}::jsonpath) AS value`,
    );
    return rows[0]?.value ?? undefined;
  }

  /**
   * Inserts without RETURNING: an uploader may write a run it may not read, and RETURNING would
   * apply the read policy. The id comes from the sequence first.
   */
  async insertRun(tx: Tx, row: NewRunRow): Promise<number> {
    const [{ id }] = (await tx.$queryRaw<{ id: number }[]>(Prisma.sql`SELECT nextval(pg_get_serial_sequence('run', 'id'))::int AS id`)) as [{ id: number }];
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO run (id, test_id, data, raw_data, start, stop, description, owner, access, uploaded_by)
      VALUES (${id}, ${row.testId}, ${JSON.stringify(row.data)}::jsonb, ${row.rawData}, ${row.start}, ${row.stop}, ${row.description},
              ${row.owner}, ${row.access}::access, ${row.uploadedBy}::uuid)`);
    return id;
  }
}
