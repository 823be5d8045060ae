import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { hasTeamRole, teamBase, teamsWith } from '../auth/roles';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { parseAccess } from '../runs/run-times';
import type { CreateTestRequest } from './dto/create-test.dto';
import type { ListTestsQuery } from './dto/list-tests.query';
import type { FoldersQuery, TestSummaryQuery, UpdateAccessQuery } from './dto/test-queries';
import type { TestDto, TestListingDto, TestQueryResult } from './dto/test.dto';
import type { UpdateTestRequest } from './dto/update-test.dto';
import { TestsRepository, type TestFields, type TestRow, type TransformerRow } from './tests.repository';

/** Horreum answers every test when no limit is given; this caps one answer. */
const MAX_TESTS_PER_ANSWER = 10_000;

@Injectable()
export class TestsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(TestsRepository) private readonly tests: TestsRepository,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  /** Creates a test owned by a team the caller is a tester of (or any team, for administrators). */
  async create(caller: UserCaller, body: CreateTestRequest): Promise<TestDto> {
    if (!hasTeamRole(caller, body.owner, 'tester')) {
      throw new DomainError('forbidden', { detail: `Only testers of ${body.owner} may create its tests.` });
    }
    const access = body.access === undefined ? 'PRIVATE' : parseAccess(String(body.access))!;
    const row = await this.db.asCaller(identityOf(caller), (tx) =>
      this.tests.insertTest(tx, {
        name: body.name,
        description: body.description,
        folder: normalizeFolder(body.folder) ?? undefined,
        owner: body.owner,
        access,
        timelineLabels: body.timelineLabels,
        timelineFunction: body.timelineFunction,
        fingerprintLabels: body.fingerprintLabels,
        fingerprintFilter: body.fingerprintFilter,
        compareUrl: body.compareUrl,
        notificationsEnabled: body.notificationsEnabled,
      }),
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
    return { tests: rows.map((r) => toDto(r)), count };
  }

  /** A test with its transformers; 404 when missing or not visible. */
  async get(caller: Caller, id: number): Promise<TestDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => this.withTransformers(tx, await this.visible(tx, id)));
  }

  /** Horreum's getByNameOrId: by name, or by id when the input is a number that names no test. */
  async getByNameOrId(caller: Caller, input: string): Promise<TestDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const row = await this.tests.findTestByNameOrId(tx, input);
      if (!row) {
        throw new DomainError('not-found', { detail: `No test named ${JSON.stringify(input)} (or with that id), or you may not see it.` });
      }
      return this.withTransformers(tx, row);
    });
  }

  /**
   * Horreum's updateTest: replaces the test's fields. The caller must be a tester of the current
   * owner and, when it changes, of the new one. A fingerprint change asks the pipeline to
   * recompute the test's fingerprints, in the same transaction.
   */
  async update(caller: UserCaller, body: UpdateTestRequest): Promise<TestDto> {
    const folder = normalizeFolder(body.folder);
    const fields: TestFields = {
      name: body.name,
      description: body.description ?? null,
      folder,
      owner: body.owner,
      access: 'PRIVATE',
      timelineLabels: body.timelineLabels ?? [],
      timelineFunction: body.timelineFunction ?? null,
      fingerprintLabels: body.fingerprintLabels ?? [],
      fingerprintFilter: body.fingerprintFilter ?? null,
      compareUrl: body.compareUrl ?? null,
      notificationsEnabled: body.notificationsEnabled ?? true,
    };
    let fingerprintsChanged = false;
    const dto = await this.db.asCaller(identityOf(caller), async (tx) => {
      const existing = await this.writable(tx, caller, body.id, body.owner);
      fields.access = body.access === undefined ? existing.access : parseAccess(String(body.access))!;
      const updated = await this.tests.updateTest(tx, body.id, fields);
      fingerprintsChanged =
        existing.fingerprintFilter !== updated.fingerprintFilter || JSON.stringify(existing.fingerprintLabels) !== JSON.stringify(updated.fingerprintLabels);
      if (fingerprintsChanged) {
        await this.pipeline.fingerprintsChanged(tx, body.id, `fingerprint of test ${body.id} changed`);
      }
      const timelineChanged =
        existing.timelineFunction !== updated.timelineFunction || JSON.stringify(existing.timelineLabels) !== JSON.stringify(updated.timelineLabels);
      if (fingerprintsChanged || timelineChanged) {
        // Series are keyed by fingerprint and ordered by the timeline: detect changes again.
        await this.pipeline.changesChanged(tx, body.id, `change detection of test ${body.id}: ${timelineChanged ? 'timeline' : 'fingerprint'} changed`);
        fingerprintsChanged = true;
      }
      return this.withTransformers(tx, updated);
    });
    if (fingerprintsChanged) {
      this.pipeline.wake(body.id);
    }
    return dto;
  }

  /**
   * Deletes a test. Horreum trashes the runs of a deleted test; Granary keeps uploaded documents
   * from being lost by one call: a test that still has runs that are not trashed answers 409
   * (trash them first, e.g. POST /api/test/{id}/runs/trash). Trashed runs are deleted with it.
   */
  async delete(caller: UserCaller, id: number): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      const test = await this.writable(tx, caller, id);
      const active = await this.tests.countActiveRuns(tx, id);
      if (active > 0) {
        throw new DomainError('conflict', {
          detail: `Test ${test.name} still has ${active} run(s) that are not trashed. Trash them first (POST /api/test/${id}/runs/trash); trashed runs are deleted with the test.`,
          extensions: { activeRuns: active },
        });
      }
      await this.tests.deleteTestWithTrashedRuns(tx, id);
    });
  }

  /** Horreum's folders: every folder and each of its parents, sorted, after `null` (the root). */
  async folders(caller: Caller, query: FoldersQuery): Promise<(string | null)[]> {
    const folders = await this.db.asCaller(identityOf(caller), (tx) => this.tests.findFolders(tx, ownersFor(caller, query.roles)));
    const all = new Set<string>();
    for (const folder of folders) {
      const parts = folder.split('/');
      parts.forEach((_p, i) => all.add(parts.slice(0, i + 1).join('/')));
    }
    return [null, ...[...all].sort()];
  }

  /** Horreum's getTestSummary: pages from 1 (0: everything), 20 tests a page by default, by name. */
  async summary(caller: Caller, query: TestSummaryQuery): Promise<TestListingDto> {
    const folder = query.folder?.trim() === '*' ? '*' : normalizeFolder(query.folder);
    const all = query.page === 0;
    const take = all ? MAX_TESTS_PER_ANSWER : (query.limit ?? 20);
    const skip = all ? 0 : take * ((query.page ?? 1) - 1);
    const { rows, count } = await this.db.asCaller(identityOf(caller), (tx) =>
      this.tests.findTestSummaries(tx, {
        owners: ownersFor(caller, query.roles),
        folder,
        nameContains: query.name?.trim() || undefined,
        descending: query.direction === 'Descending',
        skip,
        take,
      }),
    );
    return {
      count,
      tests: rows.map((r) => ({
        id: r.id,
        name: r.name,
        ...(r.folder !== null ? { folder: r.folder } : {}),
        ...(r.description !== null ? { description: r.description } : {}),
        datasets: r.datasets,
        runs: r.runs,
        owner: r.owner,
        access: r.access,
      })),
    };
  }

  /** Horreum's updateTestAccess: new owner and access; tester of the current and the new owner. */
  async updateAccess(caller: UserCaller, id: number, query: UpdateAccessQuery): Promise<void> {
    const access = parseAccess(String(query.access))!;
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writable(tx, caller, id, query.owner);
      await this.tests.updateTest(tx, id, { owner: query.owner, access });
    });
  }

  async updateNotifications(caller: UserCaller, id: number, enabled: boolean): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writable(tx, caller, id);
      await this.tests.updateTest(tx, id, { notificationsEnabled: enabled });
    });
  }

  /** Horreum's updateFolder (move): a trailing `/` is dropped, empty means no folder, `*` is refused. */
  async move(caller: UserCaller, id: number, folder: string | undefined): Promise<void> {
    const normalized = normalizeFolder(folder);
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writable(tx, caller, id);
      await this.tests.updateTest(tx, id, { folder: normalized });
    });
  }

  private async visible(tx: Tx, id: number): Promise<TestRow> {
    const row = await this.tests.findTest(tx, id);
    if (!row) {
      throw new DomainError('not-found', { detail: `No test ${id}, or you may not see it.` });
    }
    return row;
  }

  /**
   * The test, when the caller may change it: 404 when it cannot see it, 403 when it sees it but
   * is not a tester of its owner (or of `newOwner`).
   */
  private async writable(tx: Tx, caller: UserCaller, id: number, newOwner?: string): Promise<TestRow> {
    const row = await this.visible(tx, id);
    if (!hasTeamRole(caller, row.owner, 'tester')) {
      throw new DomainError('forbidden', { detail: `Only testers of ${row.owner} may change test ${row.name}.` });
    }
    if (newOwner !== undefined && newOwner !== row.owner && !hasTeamRole(caller, newOwner, 'tester')) {
      throw new DomainError('forbidden', { detail: `You must be a tester of ${newOwner} to give it test ${row.name}.` });
    }
    return row;
  }

  private async withTransformers(tx: Tx, row: TestRow): Promise<TestDto> {
    return toDto(row, await this.tests.findTransformers(tx, row.id));
  }
}

function toDto(row: TestRow, transformers?: TransformerRow[]): TestDto {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    access: row.access,
    ...(row.description !== null ? { description: row.description } : {}),
    ...(row.folder !== null ? { folder: row.folder } : {}),
    timelineLabels: row.timelineLabels,
    ...(row.timelineFunction !== null ? { timelineFunction: row.timelineFunction } : {}),
    fingerprintLabels: row.fingerprintLabels,
    ...(row.fingerprintFilter !== null ? { fingerprintFilter: row.fingerprintFilter } : {}),
    ...(row.compareUrl !== null ? { compareUrl: row.compareUrl } : {}),
    notificationsEnabled: row.notificationsEnabled,
    ...(transformers
      ? {
          transformers: transformers.map((t) => ({
            id: t.id,
            name: t.name,
            ...(t.description !== null ? { description: t.description } : {}),
            ...(t.targetSchemaUri !== null ? { targetSchemaUri: t.targetSchemaUri } : {}),
            extractors: t.extractors,
            ...(t.function !== null ? { function: t.function } : {}),
            schemaId: t.schemaId,
            schemaUri: t.schemaUri,
            schemaName: t.schemaName,
            owner: t.owner,
            access: t.access,
          })),
        }
      : {}),
  };
}

/**
 * Horreum's folder names: trimmed, without a trailing `/`, empty meaning none. `*` means "any
 * folder" in lists, so no test may live there.
 */
export function normalizeFolder(folder: string | undefined | null): string | null {
  if (folder === undefined || folder === null) {
    return null;
  }
  const trimmed = folder.trim().replace(/\/+$/, '').trim();
  if (trimmed === '*') {
    throw new DomainError('validation-failed', { detail: "'*' is not a folder name: it means any folder.", errors: [{ pointer: '/folder', message: 'illegal folder name' }] });
  }
  return trimmed === '' ? null : trimmed;
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
        .split(/[,;]/)
        .map((r) => r.trim())
        .filter(Boolean)
        .map((r) => (r.endsWith('-team') ? r : `${teamBase(r.replace(/-(viewer|uploader|tester|manager)$/, ''))}-team`)),
    ),
  ];
}
