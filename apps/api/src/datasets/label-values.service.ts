import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { identityOf, type Caller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { parseRunTime } from '../runs/run-times';
import type { ExportedLabelValuesDto } from './dto/dataset.dto';
import { MAX_LABEL_VALUE_ROWS, type RunLabelValuesQuery, type TestLabelValuesQuery } from './dto/label-values.query';
import { epochMs } from './datasets.mapping';
import type { DatasetScope } from './datasets.queries';
import { DatasetsRepository, type LabelValuesRequest } from './datasets.repository';
import { DatasetsService, readFilter } from './datasets.service';
import { labelValuesCsv } from './label-values.csv';
import { fingerprintValues, parseFingerprint, parseLabelFilter, type FingerprintValue } from './label-filter';

export type LabelValuesAnswer = { format: 'json'; rows: ExportedLabelValuesDto[] } | { format: 'csv'; csv: string };

/** Label values by dataset, of a test or a run (Horreum's /labelValues), fingerprints and filtering labels. */
@Injectable()
export class LabelValuesService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(DatasetsRepository) private readonly repo: DatasetsRepository,
    @Inject(DatasetsService) private readonly datasets: DatasetsService,
  ) {}

  /** Horreum's getTestLabelValues, with Granary's `fingerprint` filter and `format=csv`. */
  async ofTest(caller: Caller, testId: number, query: TestLabelValuesQuery): Promise<LabelValuesAnswer> {
    const before = readTime(query.before, 'before');
    const after = readTime(query.after, 'after');
    const fingerprint = readFilter(() => parseFingerprint(query.fingerprint), '/fingerprint');
    const rows = await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.requireTest(tx, testId);
      return this.table(tx, { testId }, { query, filtering: query.filtering ?? true, metrics: query.metrics ?? true, before, after, fingerprint });
    });
    return query.format === 'csv' ? { format: 'csv', csv: labelValuesCsv(rows) } : { format: 'json', rows };
  }

  /** Horreum's getRunLabelValues. */
  async ofRun(caller: Caller, runId: number, query: RunLabelValuesQuery): Promise<ExportedLabelValuesDto[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      if (!(await this.repo.runExists(tx, runId))) {
        throw new DomainError('not-found', { detail: `No run ${runId}, or you may not see it.` });
      }
      return this.table(tx, { runId }, { query, filtering: true, metrics: true });
    });
  }

  /** Horreum's listFingerprints: each distinct fingerprint of the test's datasets as a tree. */
  async fingerprints(caller: Caller, testId: number): Promise<{ values: FingerprintValue[] }[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await this.requireTest(tx, testId);
      return (await this.repo.findFingerprints(tx, testId)).map((fp) => ({ values: fingerprintValues(fp) }));
    });
  }

  /** Each filtering label of the test with its distinct values: `{label: [values]}`. */
  async filteringLabels(caller: Caller, testId: number): Promise<Record<string, unknown[]>> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await this.requireTest(tx, testId);
      return Object.fromEntries((await this.repo.findFilteringLabels(tx, testId)).map((r) => [r.name, r.values]));
    });
  }

  /** Horreum's deprecated filteringLabelValues: the distinct combinations of filtering label values. */
  async filteringCombinations(caller: Caller, testId: number): Promise<Record<string, unknown>[]> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await this.requireTest(tx, testId);
      return this.repo.findFilteringCombinations(tx, testId);
    });
  }

  private async table(
    tx: Tx,
    scope: DatasetScope,
    { query, ...extra }: { query: RunLabelValuesQuery } & Pick<LabelValuesRequest, 'filtering' | 'metrics' | 'before' | 'after' | 'fingerprint'>,
  ): Promise<ExportedLabelValuesDto[]> {
    const filter = readFilter(() => parseLabelFilter(query.filter, query.multiFilter ?? false), '/filter');
    await this.datasets.checkJsonPath(tx, filter, '/filter');
    const take = query.limit ?? MAX_LABEL_VALUE_ROWS;
    const rows = await this.repo.findExportedLabelValues(tx, {
      scope,
      ...extra,
      include: query.include ?? [],
      exclude: query.exclude ?? [],
      filter,
      order: await this.order(tx, scope, query.sort),
      descending: (query.direction ?? 'Ascending').toLowerCase() === 'descending',
      // Horreum counts these pages from 0.
      skip: take * (query.page ?? 0),
      take,
    });
    return rows.map((r) => ({ values: r.values, runId: r.runId, datasetId: r.datasetId, start: epochMs(r.start), stop: epochMs(r.stop) }));
  }

  /** `start`, `stop`, or a label name of the scope's schemas (`$.name` is read as `name`); nothing else. */
  private async order(tx: Tx, scope: DatasetScope, sort: string | undefined): Promise<LabelValuesRequest['order']> {
    const given = sort?.trim() ?? '';
    if (given === '') {
      return 'default';
    }
    if (given.toLowerCase() === 'start' || given.toLowerCase() === 'stop') {
      return given.toLowerCase() as 'start' | 'stop';
    }
    const label = /^\$\.(\w+)$/.exec(given)?.[1] ?? /^\$\."(.+)"$/.exec(given)?.[1] ?? given;
    if ((await this.repo.findLabelNames(tx, scope)).includes(label)) {
      return { label };
    }
    throw new DomainError('validation-failed', {
      detail: `Cannot sort by ${JSON.stringify(given)}: use start, stop or a label name of this test.`,
      errors: [{ pointer: '/sort', message: 'unknown sort column or label' }],
    });
  }

  private async requireTest(tx: Tx, testId: number): Promise<void> {
    if (!(await this.repo.testExists(tx, testId))) {
      throw new DomainError('not-found', { detail: `No test ${testId}, or you may not see it.` });
    }
  }
}

function readTime(value: string | undefined, name: 'before' | 'after'): Date | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const parsed = parseRunTime(value);
  if (!parsed) {
    throw new DomainError('validation-failed', {
      detail: `${name} must be epoch milliseconds or ISO-8601.`,
      errors: [{ pointer: `/${name}`, message: 'not a time' }],
    });
  }
  return parsed;
}
