import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { identityOf, type Caller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import type { DatasetDto, DatasetListDto, DatasetSummaryDto, LabelValueDto } from './dto/dataset.dto';
import { DATASET_SORT_COLUMNS, type ListDatasetsBySchemaQuery, type ListDatasetsQuery } from './dto/list-datasets.query';
import { offsetOf1Based } from './dto/query-params';
import { epochMs, groupByOwner, toSchemaUsage, toValidationError } from './datasets.mapping';
import type { DatasetScope } from './datasets.queries';
import { DatasetsRepository, type DatasetOrder, type DatasetSummaryRow } from './datasets.repository';
import { FilterError, parseFingerprint, parseLabelFilter, type LabelFilter } from './label-filter';

/** Without `limit`, a dataset list answers at most this many. */
const MAX_DATASETS_PER_ANSWER = 10_000;

/** Horreum's dataset endpoints, and the dataset work other domains do inside their own transactions. */
@Injectable()
export class DatasetsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(DatasetsRepository) private readonly repo: DatasetsRepository,
  ) {}

  async get(caller: Caller, id: number): Promise<DatasetDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const row = await this.repo.findDataset(tx, id);
      if (!row) {
        throw datasetNotFound(id);
      }
      const errors = await this.repo.findDatasetValidationErrors(tx, [id]);
      return {
        id: row.id,
        runId: row.runId,
        testid: row.testId,
        ordinal: row.ordinal,
        start: epochMs(row.start),
        stop: epochMs(row.stop),
        ...(row.description !== null ? { description: row.description } : {}),
        owner: row.owner,
        access: row.access,
        data: row.data,
        validationErrors: errors.map(toValidationError),
      };
    });
  }

  async summary(caller: Caller, id: number): Promise<DatasetSummaryDto> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const row = await this.repo.findDatasetSummary(tx, id);
      if (!row) {
        throw datasetNotFound(id);
      }
      const [summary] = await this.summaries(tx, [row]);
      return summary!;
    });
  }

  async labelValues(caller: Caller, datasetId: number): Promise<LabelValueDto[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      if (!(await this.repo.findDataset(tx, datasetId))) {
        throw datasetNotFound(datasetId);
      }
      const rows = await this.repo.findLabelValuesOfDataset(tx, datasetId);
      return rows.map((r) => ({
        id: r.labelId,
        name: r.name,
        schema: { id: r.schemaId, name: r.schemaName, uri: r.schemaUri },
        ...(r.value !== null ? { value: r.value } : {}),
        ...(r.error !== null ? { error: r.error } : {}),
      }));
    });
  }

  listByTest(caller: Caller, testId: number, query: ListDatasetsQuery): Promise<DatasetListDto> {
    return this.list(caller, { testId }, query);
  }

  listByRun(caller: Caller, runId: number, query: ListDatasetsQuery): Promise<DatasetListDto> {
    return this.list(caller, { runId }, query);
  }

  listBySchema(caller: Caller, query: ListDatasetsBySchemaQuery): Promise<DatasetListDto> {
    return this.list(caller, { schemaUri: query.uri }, query);
  }

  /** Runs of the test with a dataset whose label values contain `filter` (inside the caller's transaction). */
  async runIdsMatching(tx: Tx, testId: number, filter: Record<string, unknown>): Promise<number[]> {
    return this.repo.findRunIdsMatching(tx, testId, { contains: filter, anyOf: [] });
  }

  /** Deletes the datasets of these runs with their label values (inside the caller's transaction). */
  deleteOfRuns(tx: Tx, runIds: number[]): Promise<number> {
    return this.repo.deleteDatasetsOfRuns(tx, runIds);
  }

  private async list(caller: Caller, scope: DatasetScope, query: ListDatasetsQuery | ListDatasetsBySchemaQuery): Promise<DatasetListDto> {
    const filter = readFilter(() => parseLabelFilter('filter' in query ? query.filter : undefined), '/filter');
    const fingerprint = readFilter(() => parseFingerprint('fingerprint' in query ? query.fingerprint : undefined), '/fingerprint');
    const take = query.limit ?? MAX_DATASETS_PER_ANSWER;
    return this.db.asCaller(identityOf(caller), async (tx) => {
      if ('testId' in scope && !(await this.repo.testExists(tx, scope.testId))) {
        throw new DomainError('not-found', { detail: `No test ${scope.testId}, or you may not see it.` });
      }
      if ('runId' in scope && !(await this.repo.runExists(tx, scope.runId))) {
        throw new DomainError('not-found', { detail: `No run ${scope.runId}, or you may not see it.` });
      }
      await this.checkJsonPath(tx, filter, '/filter');
      const order = await this.order(tx, scope, query.sort);
      const { rows, total } = await this.repo.findDatasetPage(tx, {
        scope,
        filter,
        fingerprint,
        order,
        descending: (query.direction ?? 'Descending') === 'Descending',
        skip: offsetOf1Based(take, query.page),
        take,
      });
      return { total, datasets: await this.summaries(tx, rows) };
    });
  }

  /** A column, Horreum's `view_data:<component>:<label>`, or a label name of the scope's schemas. */
  private async order(tx: Tx, scope: DatasetScope, sort: string | undefined): Promise<DatasetOrder> {
    const name = sort?.trim() || 'start';
    if ((DATASET_SORT_COLUMNS as readonly string[]).includes(name)) {
      return { column: name as (typeof DATASET_SORT_COLUMNS)[number] };
    }
    const label = /^view_data:[^:]*:(.+)$/.exec(name)?.[1] ?? name;
    if ((await this.repo.findLabelNames(tx, scope)).includes(label)) {
      return { label };
    }
    throw new DomainError('validation-failed', {
      detail: `Cannot sort by ${JSON.stringify(name)}: use ${DATASET_SORT_COLUMNS.join(', ')} or a label name of these datasets.`,
      errors: [{ pointer: '/sort', message: 'unknown sort column or label' }],
    });
  }

  /** A JSONPath filter is checked by PostgreSQL before use, so a bad one is a 400, not a failed statement. */
  async checkJsonPath(tx: Tx, filter: LabelFilter, pointer: string): Promise<void> {
    if (filter.jsonPath !== undefined && !(await this.repo.isJsonPath(tx, filter.jsonPath))) {
      throw new DomainError('validation-failed', {
        detail: `${JSON.stringify(filter.jsonPath)} is not a valid PostgreSQL jsonpath.`,
        errors: [{ pointer, message: 'not a valid jsonpath' }],
      });
    }
  }

  private async summaries(tx: Tx, rows: DatasetSummaryRow[]): Promise<DatasetSummaryDto[]> {
    const ids = rows.map((r) => r.id);
    const [schemas, errors] = await Promise.all([this.repo.findDatasetSchemas(tx, ids), this.repo.findDatasetValidationErrors(tx, ids)]);
    const schemasOf = groupByOwner(schemas);
    const errorsOf = groupByOwner(errors);
    return rows.map((r) => ({
      id: r.id,
      runId: r.runId,
      ordinal: r.ordinal,
      testId: r.testId,
      testname: r.testname ?? '',
      ...(r.description !== null ? { description: r.description } : {}),
      start: epochMs(r.start),
      stop: epochMs(r.stop),
      owner: r.owner,
      access: r.access,
      schemas: (schemasOf.get(r.id) ?? []).map(toSchemaUsage),
      validationErrors: (errorsOf.get(r.id) ?? []).map(toValidationError),
    }));
  }
}

function datasetNotFound(id: number): DomainError {
  return new DomainError('not-found', { detail: `No dataset ${id}, or you may not see it.` });
}

/** Runs a parser of a query parameter; its FilterError becomes a 400 naming the parameter. */
export function readFilter<T>(parse: () => T, pointer: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FilterError) {
      throw new DomainError('validation-failed', { detail: error.message, errors: [{ pointer, message: error.message }] });
    }
    throw error;
  }
}
