import { Injectable } from '@nestjs/common';
import type { Tx } from '@granary/db';
import type { AccessValue } from './dto/test.dto';

export interface TestRow {
  id: number;
  name: string;
  description: string | null;
  folder: string | null;
  owner: string;
  access: AccessValue;
}

export interface TestPageRequest {
  /** Only tests owned by these teams (Horreum's `roles`); all visible tests when undefined. */
  owners?: string[];
  sort: 'name' | 'id' | 'description' | 'owner' | 'folder';
  descending: boolean;
  skip: number;
  take: number;
}

@Injectable()
export class TestsRepository {
  /**
   * One page of tests and their total, in the caller's transaction: row-level security limits
   * both to what the caller may see, so the count never includes another team's private tests.
   */
  async insertTest(tx: Tx, row: { name: string; description?: string; folder?: string; owner: string; access: AccessValue }): Promise<TestRow> {
    return tx.test.create({ data: row, select: { id: true, name: true, description: true, folder: true, owner: true, access: true } });
  }

  async findTestsPage(tx: Tx, req: TestPageRequest): Promise<{ rows: TestRow[]; count: number }> {
    const where = req.owners ? { owner: { in: req.owners } } : {};
    const [rows, count] = await Promise.all([
      tx.test.findMany({
        where,
        orderBy: [{ [req.sort]: req.descending ? 'desc' : 'asc' }, { id: 'asc' }],
        skip: req.skip,
        take: req.take,
        select: { id: true, name: true, description: true, folder: true, owner: true, access: true },
      }),
      tx.test.count({ where }),
    ]);
    return { rows, count };
  }
}
