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
  visibleAccess: AccessValue[];
  sort: 'name' | 'id' | 'description' | 'owner' | 'folder';
  descending: boolean;
  skip: number;
  take: number;
}

@Injectable()
export class TestsRepository {
  /** One page of tests and the total the caller may see, in the caller's transaction. */
  async findTestsPage(tx: Tx, req: TestPageRequest): Promise<{ rows: TestRow[]; count: number }> {
    const where = { access: { in: req.visibleAccess } };
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
