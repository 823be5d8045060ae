import { Injectable } from '@nestjs/common';
import { Prisma, type Tx } from '@granary/db';
import type { AccessValue } from './dto/test.dto';

export interface TestRow {
  id: number;
  name: string;
  description: string | null;
  folder: string | null;
  owner: string;
  access: AccessValue;
  timelineLabels: string[];
  timelineFunction: string | null;
  fingerprintLabels: string[];
  fingerprintFilter: string | null;
  compareUrl: string | null;
  notificationsEnabled: boolean;
}

export type TestFields = Omit<TestRow, 'id'>;

export interface TransformerRow {
  id: number;
  name: string;
  description: string | null;
  targetSchemaUri: string | null;
  extractors: unknown[];
  function: string | null;
  schemaId: number;
  schemaUri: string;
  schemaName: string;
  owner: string;
  access: AccessValue;
}

export interface TestSummaryRow {
  id: number;
  name: string;
  folder: string | null;
  description: string | null;
  owner: string;
  access: AccessValue;
  datasets: number;
  runs: number;
}

export interface TestPageRequest {
  /** Only tests owned by these teams (Horreum's `roles`); all visible tests when undefined. */
  owners?: string[];
  sort: 'name' | 'id' | 'description' | 'owner' | 'folder';
  descending: boolean;
  skip: number;
  take: number;
}

export interface TestSummaryRequest {
  owners?: string[];
  /** `null`: tests in no folder; `'*'`: any folder. */
  folder: string | null;
  nameContains?: string;
  descending: boolean;
  skip: number;
  take: number;
}

const TEST_SELECT = {
  id: true,
  name: true,
  description: true,
  folder: true,
  owner: true,
  access: true,
  timelineLabels: true,
  timelineFunction: true,
  fingerprintLabels: true,
  fingerprintFilter: true,
  compareUrl: true,
  notificationsEnabled: true,
} as const;

@Injectable()
export class TestsRepository {
  async insertTest(
    tx: Tx,
    row: {
      name: string;
      description?: string;
      folder?: string;
      owner: string;
      access: AccessValue;
      timelineLabels?: string[];
      timelineFunction?: string | null;
      fingerprintLabels?: string[];
      fingerprintFilter?: string | null;
      compareUrl?: string | null;
      notificationsEnabled?: boolean;
    },
  ): Promise<TestRow> {
    return tx.test.create({ data: row, select: TEST_SELECT });
  }

  /**
   * One page of tests and their total, in the caller's transaction: row-level security limits
   * both to what the caller may see, so the count never includes another team's private tests.
   */
  async findTestsPage(tx: Tx, req: TestPageRequest): Promise<{ rows: TestRow[]; count: number }> {
    const where = req.owners ? { owner: { in: req.owners } } : {};
    const [rows, count] = await Promise.all([
      tx.test.findMany({
        where,
        orderBy: [{ [req.sort]: req.descending ? 'desc' : 'asc' }, { id: 'asc' }],
        skip: req.skip,
        take: req.take,
        select: TEST_SELECT,
      }),
      tx.test.count({ where }),
    ]);
    return { rows, count };
  }

  async findTest(tx: Tx, id: number): Promise<TestRow | undefined> {
    return (await tx.test.findUnique({ where: { id }, select: TEST_SELECT })) ?? undefined;
  }

  /** Horreum's getByNameOrId: a numeric input matches a name first, then an id. */
  async findTestByNameOrId(tx: Tx, input: string): Promise<TestRow | undefined> {
    const byName = await tx.test.findUnique({ where: { name: input }, select: TEST_SELECT });
    if (byName || !/^\d{1,9}$/.test(input)) {
      return byName ?? undefined;
    }
    return this.findTest(tx, Number(input));
  }

  /** The test's transformers with their schema (both under their own row-level security). */
  async findTransformers(tx: Tx, testId: number): Promise<TransformerRow[]> {
    return tx.$queryRaw<TransformerRow[]>(Prisma.sql`
      SELECT tr.id, tr.name, tr.description, tr.target_schema_uri AS "targetSchemaUri", tr.extractors, tr.function,
             s.id AS "schemaId", s.uri AS "schemaUri", s.name AS "schemaName", tr.owner, tr.access::text AS access
      FROM test_transformer tt JOIN transformer tr ON tr.id = tt.transformer_id JOIN schema s ON s.id = tr.schema_id
      WHERE tt.test_id = ${testId}
      ORDER BY tr.name, tr.id`);
  }

  /** Row-level security refuses the write unless the caller is a tester of the old and the new owner. */
  async updateTest(tx: Tx, id: number, fields: Partial<TestFields>): Promise<TestRow> {
    return tx.test.update({ where: { id }, data: fields, select: TEST_SELECT });
  }

  async countActiveRuns(tx: Tx, testId: number): Promise<number> {
    const rows = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM run WHERE test_id = ${testId} AND NOT trashed`);
    return rows[0]?.n ?? 0;
  }

  /**
   * Deletes the test with its trashed runs; datasets, label values, transformer choices and
   * recalculations cascade. Untrashed runs make the test's foreign key refuse.
   */
  async deleteTestWithTrashedRuns(tx: Tx, testId: number): Promise<{ runs: number }> {
    const runs = await tx.$executeRaw(Prisma.sql`DELETE FROM run WHERE test_id = ${testId} AND trashed`);
    await tx.test.delete({ where: { id: testId } });
    return { runs };
  }

  async findFolders(tx: Tx, owners: string[] | undefined): Promise<string[]> {
    const rows = await tx.test.findMany({
      where: { folder: { not: null }, ...(owners ? { owner: { in: owners } } : {}) },
      distinct: ['folder'],
      select: { folder: true },
    });
    return rows.map((r) => r.folder!).filter((f) => f !== '');
  }

  /**
   * Horreum's test summary: tests of one folder (or all) with their dataset and non-trashed run
   * counts, as the caller may see them. One grouped pass over run and dataset per page of tests.
   */
  async findTestSummaries(tx: Tx, req: TestSummaryRequest): Promise<{ rows: TestSummaryRow[]; count: number }> {
    const conditions: Prisma.Sql[] = [];
    if (req.folder !== '*') {
      conditions.push(Prisma.sql`COALESCE(t.folder, '') = ${req.folder ?? ''}`);
    }
    if (req.owners) {
      conditions.push(Prisma.sql`t.owner = ANY(${req.owners}::text[])`);
    }
    if (req.nameContains) {
      conditions.push(Prisma.sql`strpos(lower(t.name), lower(${req.nameContains})) > 0`);
    }
    const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
    const [rows, count] = await Promise.all([
      tx.$queryRaw<TestSummaryRow[]>(Prisma.sql`
        WITH page AS (
          SELECT t.id, t.name, t.folder, t.description, t.owner, t.access::text AS access FROM test t ${where}
          ORDER BY t.name ${Prisma.raw(req.descending ? 'DESC' : 'ASC')}, t.id LIMIT ${req.take} OFFSET ${req.skip})
        SELECT p.*,
               (SELECT count(*)::int FROM dataset d WHERE d.test_id = p.id) AS datasets,
               (SELECT count(*)::int FROM run r WHERE r.test_id = p.id AND NOT r.trashed) AS runs
        FROM page p ORDER BY p.name ${Prisma.raw(req.descending ? 'DESC' : 'ASC')}, p.id`),
      tx.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT count(*)::int AS n FROM test t ${where}`),
    ]);
    return { rows, count: count[0]?.n ?? 0 };
  }
}
