import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { hasTeamRole } from '../auth/roles';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { epochMs, groupByOwner, toSchemaUsage, toValidationError } from '../datasets/datasets.mapping';
import { offsetOf1Based } from '../datasets/dto/query-params';
import { DatasetsService } from '../datasets/datasets.service';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { ownersFor } from '../tests/tests.service';
import { parseAccess, parseRunTime } from './run-times';
import type {
  BulkTrashRequest,
  ListAllRunsQuery,
  ListRunsBySchemaQuery,
  ListTestRunsQuery,
  RunCountDto,
  RunExtendedDto,
  RunSummaryDto,
  RunsSummaryDto,
} from './runs.read.dto';
import { RunsReadRepository, type RunHeaderRow, type RunPageRequest, type RunSummaryRow } from './runs.read.repository';

/** Without `limit`, a run list answers at most this many. */
const MAX_RUNS_PER_ANSWER = 10_000;

type PageQuery = Pick<ListTestRunsQuery, 'limit' | 'page' | 'sort' | 'direction'>;

/**
 * Reading and managing runs: Horreum's run endpoints besides upload, and Granary's bulk trash.
 * Trashing deletes a run's datasets (their label values cascade) in the same transaction;
 * restoring marks the run pending, and the pipeline transforms it again.
 */
@Injectable()
export class RunsReadService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(RunsReadRepository) private readonly repo: RunsReadRepository,
    @Inject(DatasetsService) private readonly datasets: DatasetsService,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  async get(caller: Caller, id: number): Promise<RunExtendedDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const row = await this.repo.findRun(tx, id);
      if (!row) {
        throw runNotFound(id);
      }
      const [summary] = await this.summaries(tx, [row]);
      const { hasMetadata: _hasMetadata, ...rest } = summary!;
      return { ...rest, data: row.data, ...(row.metadata !== null ? { metadata: row.metadata } : {}) };
    });
  }

  async summary(caller: Caller, id: number): Promise<RunSummaryDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const row = await this.repo.findRunSummary(tx, id);
      if (!row) {
        throw runNotFound(id);
      }
      return (await this.summaries(tx, [row]))[0]!;
    });
  }

  /** The run's document (or metadata), or its part tagged with `schemaUri`. */
  async data(caller: Caller, id: number, part: { column: 'data' | 'metadata'; schemaUri?: string }): Promise<unknown> {
    const { column, schemaUri } = part;
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const { found, value } = await this.repo.findDataPart(tx, id, { column, uri: schemaUri });
      if (!found) {
        throw runNotFound(id);
      }
      if (value === undefined && schemaUri !== undefined) {
        throw new DomainError('not-found', { detail: `No part of the ${column} of run ${id} carries schema ${schemaUri}.` });
      }
      return value ?? null;
    });
  }

  listOfTest(caller: Caller, testId: number, query: ListTestRunsQuery): Promise<RunsSummaryDto> {
    const from = readTime(query.from, 'from');
    const to = readTime(query.to, 'to');
    return this.page(caller, query, { testId, includeTrashed: query.trashed ?? false, from, to, paths: [], matchAll: false }, testId);
  }

  async listAll(caller: Caller, query: ListAllRunsQuery): Promise<RunsSummaryDto> {
    return this.page(caller, query, {
      owners: ownersFor(caller, query.roles),
      includeTrashed: query.trashed ?? false,
      paths: runQueryPaths(query.query),
      matchAll: query.matchAll ?? false,
    });
  }

  listBySchema(caller: Caller, query: ListRunsBySchemaQuery): Promise<RunsSummaryDto> {
    return this.page(caller, query, { schemaUri: query.uri, includeTrashed: false, paths: [], matchAll: false });
  }

  async count(caller: Caller, testId: number): Promise<RunCountDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await this.requireTest(tx, testId);
      const { total, trashed } = await this.repo.countRuns(tx, testId);
      return { total, active: total - trashed, trashed };
    });
  }

  /** Horreum's trash: a no-op when the run already is in that state. */
  async trash(caller: UserCaller, id: number, trashed: boolean): Promise<void> {
    const changed = await this.db.asCaller(identityOf(caller), async (tx) => {
      const run = await this.writable(tx, caller, id);
      return this.setTrashed(tx, [run], trashed);
    });
    this.wakeFor(changed, trashed);
  }

  /**
   * Granary's bulk trash or restore of a test's runs, chosen by id, by label values (trashing
   * only), or both (runs matching both), in one transaction: every run must be the caller's to
   * change, or nothing changes.
   */
  async trashMany(caller: UserCaller, testId: number, body: BulkTrashRequest): Promise<{ count: number }> {
    if (body.runIds === undefined && body.filter === undefined) {
      throw new DomainError('validation-failed', { detail: 'Name the runs with runIds, a filter, or both.', errors: [{ pointer: '/runIds', message: 'runIds or filter is required' }] });
    }
    if (body.filter !== undefined && !body.trashed) {
      throw new DomainError('validation-failed', {
        detail: 'A filter matches label values of datasets, and trashed runs have none: restore runs by runIds.',
        errors: [{ pointer: '/filter', message: 'only for trashing' }],
      });
    }
    const changed = await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.requireTest(tx, testId);
      let ids = body.runIds ? [...new Set(body.runIds)] : undefined;
      if (body.filter !== undefined) {
        const matching = await this.datasets.runIdsMatching(tx, testId, body.filter);
        ids = ids ? ids.filter((id) => matching.includes(id)) : matching;
      }
      const runs = await this.repo.findRunsOfTest(tx, testId, ids);
      if (body.runIds) {
        const missing = (ids ?? []).filter((id) => !runs.some((r) => r.id === id));
        if (body.filter === undefined && missing.length > 0) {
          throw new DomainError('invalid-reference', {
            detail: `Not runs of test ${testId} (or you may not see them): ${missing.join(', ')}.`,
            errors: [{ pointer: '/runIds', message: 'unknown run ids' }],
          });
        }
      }
      const refused = runs.filter((r) => !hasTeamRole(caller, r.owner, 'tester'));
      if (refused.length > 0) {
        throw new DomainError('forbidden', { detail: `Only testers of the owner team may trash or restore runs ${refused.map((r) => r.id).join(', ')}.` });
      }
      return this.setTrashed(tx, runs, body.trashed);
    });
    this.wakeFor(changed, body.trashed);
    return { count: changed.length };
  }

  async updateDescription(caller: UserCaller, id: number, description: string): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writable(tx, caller, id);
      await this.repo.updateDescription(tx, id, description === '' ? null : description);
    });
  }

  /** Horreum's updateRunAccess: tester of the current and the new owner; the run's datasets follow. */
  async updateAccess(caller: UserCaller, id: number, change: { owner: string; access: string }): Promise<void> {
    const { owner } = change;
    const level = parseAccess(change.access)!;
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writable(tx, caller, id);
      if (!hasTeamRole(caller, owner, 'tester')) {
        throw new DomainError('forbidden', { detail: `You must be a tester of ${owner} to give it run ${id}.` });
      }
      await this.repo.updateAccess(tx, id, owner, level);
    });
  }

  /** Keys under the last complete step of a JSONPath being typed, from the caller's recent runs. */
  async autocomplete(caller: Caller, query: string): Promise<string[]> {
    const text = query.trim();
    if (!text.startsWith('$')) {
      throw new DomainError('validation-failed', { detail: 'query must be a JSONPath starting with $.', errors: [{ pointer: '/query', message: 'not a JSONPath' }] });
    }
    const dot = text.lastIndexOf('.');
    const path = dot <= 0 ? '$' : text.slice(0, dot);
    const prefix = dot <= 0 ? '' : text.slice(dot + 1).replace(/^"/, '');
    return this.db.asCaller(identityOf(caller), async (tx) => {
      if (!(await this.repo.isJsonPath(tx, path))) {
        throw new DomainError('validation-failed', { detail: `${JSON.stringify(path)} is not a valid jsonpath.`, errors: [{ pointer: '/query', message: 'not a valid jsonpath' }] });
      }
      return (await this.repo.findKeys(tx, path, prefix)).map((k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : JSON.stringify(k)));
    });
  }

  private async page(caller: Caller, query: PageQuery, filters: Omit<RunPageRequest, 'sort' | 'descending' | 'skip' | 'take'>, testId?: number): Promise<RunsSummaryDto> {
    const take = query.limit ?? MAX_RUNS_PER_ANSWER;
    return this.db.asCaller(identityOf(caller), async (tx) => {
      if (testId !== undefined) {
        await this.requireTest(tx, testId);
      }
      for (const path of filters.paths) {
        if (!(await this.repo.isJsonPath(tx, path))) {
          throw new DomainError('validation-failed', { detail: `${JSON.stringify(path)} is not a valid jsonpath.`, errors: [{ pointer: '/query', message: 'not a valid jsonpath' }] });
        }
      }
      const { rows, total } = await this.repo.findRunPage(tx, {
        ...filters,
        sort: query.sort ?? 'start',
        descending: (query.direction ?? 'Descending') === 'Descending',
        skip: offsetOf1Based(take, query.page),
        take,
      });
      return { total, runs: await this.summaries(tx, rows) };
    });
  }

  private async setTrashed(tx: Tx, runs: RunHeaderRow[], trashed: boolean): Promise<RunHeaderRow[]> {
    const ids = runs.map((r) => r.id);
    if (trashed) {
      const changed = await this.repo.markTrashed(tx, ids);
      // Also clears datasets a run kept while already trashed (a transformation that raced the trash).
      await this.datasets.deleteOfRuns(tx, ids);
      return runs.filter((r) => changed.includes(r.id));
    }
    const changed = await this.repo.markRestored(tx, ids);
    return runs.filter((r) => changed.includes(r.id));
  }

  /** Restored runs are pending again: wake the pipeline once the transaction has committed. */
  private wakeFor(changed: RunHeaderRow[], trashed: boolean): void {
    if (!trashed) {
      for (const testId of new Set(changed.map((r) => r.testId))) {
        this.pipeline.wake(testId);
      }
    }
  }

  private async writable(tx: Tx, caller: UserCaller, id: number): Promise<RunHeaderRow> {
    const run = await this.repo.findRunHeader(tx, id);
    if (!run) {
      throw runNotFound(id);
    }
    if (!hasTeamRole(caller, run.owner, 'tester')) {
      throw new DomainError('forbidden', { detail: `Only testers of ${run.owner} may change run ${id}.` });
    }
    return run;
  }

  private async requireTest(tx: Tx, testId: number): Promise<void> {
    if (!(await this.repo.testExists(tx, testId))) {
      throw new DomainError('not-found', { detail: `No test ${testId}, or you may not see it.` });
    }
  }

  private async summaries(tx: Tx, rows: RunSummaryRow[]): Promise<RunSummaryDto[]> {
    const ids = rows.map((r) => r.id);
    const [schemas, errors] = await Promise.all([this.repo.findRunSchemas(tx, ids), this.repo.findRunValidationErrors(tx, ids)]);
    const schemasOf = groupByOwner(schemas);
    const errorsOf = groupByOwner(errors);
    return rows.map((r) => ({
      id: r.id,
      testid: r.testId,
      testname: r.testname ?? '',
      start: epochMs(r.start),
      stop: epochMs(r.stop),
      ...(r.description !== null ? { description: r.description } : {}),
      owner: r.owner,
      access: r.access,
      trashed: r.trashed,
      hasMetadata: r.hasMetadata,
      schemas: (schemasOf.get(r.id) ?? []).map(toSchemaUsage),
      datasets: r.datasets,
      validationErrors: (errorsOf.get(r.id) ?? []).map(toValidationError),
    }));
  }
}

function runNotFound(id: number): DomainError {
  return new DomainError('not-found', { detail: `No run ${id}, or you may not see it.` });
}

function readTime(value: string | undefined, name: 'from' | 'to'): Date | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const parsed = parseRunTime(value);
  if (!parsed) {
    throw new DomainError('validation-failed', { detail: `${name} must be epoch milliseconds or ISO-8601.`, errors: [{ pointer: `/${name}`, message: 'not a time' }] });
  }
  return parsed;
}

/**
 * Horreum's run `query`: terms separated by `,` or ` OR `; a term starting with `$` is a
 * JSONPath, one starting with `@` a filter on any value (`$.** ? (@ == 1)`), anything else bare
 * words, each meaning "a key of that name anywhere" (`$.**."word"`).
 *
 * @example runQueryPaths('$.build, arch') // ['$.build', '$.**."arch"']
 */
export function runQueryPaths(query: string | undefined): string[] {
  if (!query?.trim()) {
    return [];
  }
  return query
    .split(/\s*,\s*|\s+OR\s+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .flatMap((term) => {
      if (term.startsWith('$')) {
        return [term];
      }
      if (term.startsWith('@')) {
        return [`$.** ? (${term})`];
      }
      return term.split(/\s+/).map((word) => `$.**.${JSON.stringify(word)}`);
    });
}
