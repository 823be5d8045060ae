import { Inject, Injectable } from '@nestjs/common';
import { Db } from '@granary/db';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { hasTeamRole, teamBase, teamsWith } from '../auth/roles';
import { parseAccess } from '../runs/run-times';
import type { CreateTestRequest } from './dto/create-test.dto';
import type { ListTestsQuery } from './dto/list-tests.query';
import type { TestDto, TestQueryResult } from './dto/test.dto';
import { TestsRepository, type TestRow } from './tests.repository';

/** Horreum answers every test when no limit is given; this caps one answer. */
const MAX_TESTS_PER_ANSWER = 10_000;

@Injectable()
export class TestsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(TestsRepository) private readonly tests: TestsRepository,
  ) {}

  /** Creates a test owned by a team the caller is a tester of (or any team, for administrators). */
  async create(caller: UserCaller, body: CreateTestRequest): Promise<TestDto> {
    if (!hasTeamRole(caller, body.owner, 'tester')) {
      throw new DomainError('forbidden', { detail: `Only testers of ${body.owner} may create its tests.` });
    }
    const access = body.access === undefined ? 'PRIVATE' : parseAccess(String(body.access))!;
    const row = await this.db.asCaller(identityOf(caller), (tx) =>
      this.tests.insertTest(tx, { name: body.name, description: body.description, folder: body.folder, owner: body.owner, access }),
    );
    return toDto(row);
  }

  /** Lists the tests the caller may see (row-level security decides which). */
  async list(caller: Caller, query: ListTestsQuery): Promise<TestQueryResult> {
    const take = query.limit ?? MAX_TESTS_PER_ANSWER;
    const skip = (query.page ?? 0) * take;
    const { rows, count } = await this.db.asCaller(identityOf(caller), (tx) =>
      this.tests.findTestsPage(tx, {
        owners: ownersFor(caller, query.roles),
        sort: query.sort ?? 'name',
        descending: query.direction === 'Descending',
        skip,
        take,
      }),
    );
    return { tests: rows.map(toDto), count };
  }
}

function toDto(row: TestRow): TestDto {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    access: row.access,
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.folder !== null ? { folder: row.folder } : {}),
  };
}

/**
 * Horreum's `roles` filter: `__my` → tests of the caller's teams, `__all` or nothing → every
 * visible test, otherwise a comma-separated list of teams (`perf-team`) or team roles
 * (`perf-tester` means `perf-team`).
 */
export function ownersFor(caller: Caller, roles: string | undefined): string[] | undefined {
  const value = roles?.trim();
  if (!value || value === '__all') {
    return undefined;
  }
  if (value === '__my') {
    return caller.kind === 'user' ? teamsWith(caller.roles) : [];
  }
  return [
    ...new Set(
      value
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
        .map((r) => (r.endsWith('-team') ? r : `${teamBase(r.replace(/-(viewer|uploader|tester|manager)$/, ''))}-team`)),
    ),
  ];
}
