import { Inject, Injectable } from '@nestjs/common';
import { Db, Prisma, type Tx } from '@granary/db';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { replaceVariables, variableDto, variablesFromExport, variablesOfTest } from '../alerting/variables.writer';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { accessOr, isRowId, sameJson, textOrNull } from './definitions';
import { assertValid, DefinitionsWriter, extractorsOf, requireTester, schemaExportProblems, transformerProblems } from './definitions.writer';
import type { TestExport, TestExportInput } from './dto/export.dto';
import { toTransformerDto } from './schemas.mappers';
import { SchemasRepository, type NewTestRow, type TestDefinitionRow } from './schemas.repository';
import { extractorsIn, SchemaTransferService, type SchemaImportOutcome } from './schema-transfer.service';


/**
 * Test export and import (Horreum's TestExport). The export carries, besides Horreum's fields,
 * every schema the test uses with its labels and transformers (`schemas`), so one file recreates
 * the test on another Granary. An import matches the test by name, schemas by URI, labels and
 * transformers by name: importing the same file twice changes nothing the second time.
 */
@Injectable()
export class TestTransferService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(SchemasRepository) private readonly repo: SchemasRepository,
    @Inject(DefinitionsWriter) private readonly writer: DefinitionsWriter,
    @Inject(SchemaTransferService) private readonly schemas: SchemaTransferService,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  async exportTest(caller: Caller, id: number): Promise<TestExport> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const test = isRowId(id) ? await this.repo.findTest(tx, { id }) : undefined;
      if (!test) {
        throw new DomainError('not-found', { detail: `There is no test ${id}, or you may not see it.` });
      }
      const [transformers, schemaIds] = await Promise.all([this.repo.transformersOfTest(tx, id), this.repo.schemaIdsUsedByTest(tx, id)]);
      return {
        id: test.id,
        name: test.name,
        ...(test.folder !== null ? { folder: test.folder } : {}),
        ...(test.description !== null ? { description: test.description } : {}),
        owner: test.owner,
        access: test.access,
        timelineLabels: test.timelineLabels,
        ...(test.timelineFunction !== null ? { timelineFunction: test.timelineFunction } : {}),
        fingerprintLabels: test.fingerprintLabels,
        ...(test.fingerprintFilter !== null ? { fingerprintFilter: test.fingerprintFilter } : {}),
        ...(test.compareUrl !== null ? { compareUrl: test.compareUrl } : {}),
        transformers: transformers.map(toTransformerDto),
        notificationsEnabled: test.notificationsEnabled,
        variables: (await variablesOfTest(tx, id)).map(variableDto),
        missingDataRules: await missingDataRulesOf(tx, id),
        experiments: [],
        actions: [],
        schemas: await this.schemas.exportSchemas(tx, schemaIds),
      };
    });
  }

  /**
   * Creates or updates the test named in the file, after its schemas, in one transaction: a bad
   * file writes nothing. Answers the test id.
   */
  async importTest(caller: UserCaller, input: TestExportInput): Promise<number> {
    const datastoreType = input.datastore?.type;
    if (datastoreType !== undefined && datastoreType !== null && datastoreType !== 'POSTGRES') {
      throw new DomainError('validation-failed', {
        detail: `Granary keeps runs in its own database: a test on a ${String(datastoreType)} datastore cannot be imported.`,
        errors: [{ pointer: '/datastore/type', message: 'must be POSTGRES' }],
      });
    }
    if (input.folder?.trim() === '*') {
      throw new DomainError('validation-failed', { detail: "Illegal folder name '*': this is used as wildcard.", errors: [{ pointer: '/folder', message: 'must not be *' }] });
    }
    assertValid([
      ...(input.schemas ?? []).flatMap((s, i) => schemaExportProblems(s, `/schemas/${i}`)),
      ...(input.transformers ?? []).flatMap((x, i) => transformerProblems(x, `/transformers/${i}`)),
    ]);
    const variables = input.variables === undefined || input.variables === null ? undefined : variablesFromExport(input.variables, '/variables');
    const outcome = await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writer.checkJsonPaths(tx, [
        ...(input.schemas ?? []).flatMap((s, i) => extractorsIn(s, `/schemas/${i}`)),
        ...extractorsOf((input.transformers ?? []).map((t, i) => ({ input: t, pointer: `/transformers/${i}`, kind: 'transformer' as const }))),
      ]);
      const imported: SchemaImportOutcome[] = [];
      for (const [i, schema] of (input.schemas ?? []).entries()) {
        imported.push(await this.schemas.importSchemaIn(tx, caller, schema, `/schemas/${i}`));
      }
      const transformerIds: number[] = [];
      for (const [i, transformer] of (input.transformers ?? []).entries()) {
        const pointer = `/transformers/${i}`;
        const uri = transformer.schemaUri?.trim();
        const schema = uri ? await this.repo.findSchemaByUri(tx, uri) : undefined;
        if (!schema) {
          throw new DomainError('invalid-reference', {
            detail: `Transformer ${transformer.name} belongs to schema ${uri ?? '(no schemaUri)'}, which does not exist here (or you may not see it): import that schema first, or include it in \`schemas\`.`,
            errors: [{ pointer: `${pointer}/schemaUri`, message: 'no such schema' }],
          });
        }
        const existing = (await this.repo.transformersOfSchemas(tx, [schema.id])).find((t) => t.name === transformer.name.trim());
        const saved = await this.writer.saveTransformer(tx, caller, schema, transformer, existing, pointer);
        if (saved.runsAffected) {
          imported.push({ schemaId: schema.id, changedLabelIds: [], runsAffected: true });
        }
        transformerIds.push(saved.id);
      }
      await this.schemas.fileRequests(tx, imported);
      const test = await this.saveTest(tx, caller, input);
      let filed = imported.length > 0;
      const current = test.created ? [] : await this.repo.testTransformerIds(tx, test.id);
      const wanted = [...new Set(transformerIds)].sort((a, b) => a - b);
      if (current.join(',') !== wanted.join(',')) {
        requireTester(caller, test.owner, `Only testers of ${test.owner} may choose the transformers of test ${input.name}.`);
        await this.repo.replaceTestTransformers(tx, test.id, wanted);
        if (!test.created) {
          await this.pipeline.testChanged(tx, test.id, `transformers of test ${test.id} imported`);
          filed = true;
        }
      } else if (test.fingerprintChanged) {
        await this.pipeline.fingerprintsChanged(tx, test.id, `fingerprint of test ${test.id} imported`);
        filed = true;
      }
      if (variables !== undefined && (await replaceVariables(tx, test.id, variables, 'name', '/variables'))) {
        requireTester(caller, test.owner, `Only testers of ${test.owner} may change the variables of test ${input.name}.`);
        await this.pipeline.changesChanged(tx, test.id, `variables of test ${test.id} imported`);
        filed = true;
      } else if (test.fingerprintChanged || test.timelineChanged) {
        await this.pipeline.changesChanged(tx, test.id, `fingerprint or timeline of test ${test.id} imported`);
        filed = true;
      }
      return { testId: test.id, filed };
    });
    if (outcome.filed) {
      this.pipeline.wake(outcome.testId);
    }
    return outcome.testId;
  }

  /** The test by name: created, or updated when the file says something new. */
  private async saveTest(
    tx: Tx,
    caller: UserCaller,
    input: TestExportInput,
  ): Promise<{ id: number; owner: string; created: boolean; fingerprintChanged: boolean; timelineChanged: boolean }> {
    const existing = await this.repo.findTest(tx, { name: input.name });
    const next: NewTestRow = {
      name: input.name,
      description: textOrNull(input.description),
      folder: textOrNull(input.folder)?.trim().replace(/\/$/, '') || null,
      owner: input.owner,
      access: accessOr(input.access, existing?.access ?? 'PRIVATE'),
      fingerprintLabels: input.fingerprintLabels ?? [],
      fingerprintFilter: textOrNull(input.fingerprintFilter),
      timelineLabels: input.timelineLabels ?? [],
      timelineFunction: textOrNull(input.timelineFunction),
      compareUrl: textOrNull(input.compareUrl),
      notificationsEnabled: input.notificationsEnabled ?? true,
    };
    if (!existing) {
      requireTester(caller, next.owner, `Only testers of ${next.owner} may create tests it owns.`);
      return { id: await this.repo.insertTest(tx, next), owner: next.owner, created: true, fingerprintChanged: false, timelineChanged: false };
    }
    const current: TestDefinitionRow = existing;
    const differs = (keys: (keyof NewTestRow)[]) => keys.some((k) => !sameJson(next[k], current[k]));
    if (differs(Object.keys(next) as (keyof NewTestRow)[])) {
      requireTester(caller, existing.owner, `Only testers of ${existing.owner} may change test ${existing.name}.`);
      requireTester(caller, next.owner, `You may only give a test to a team you are a tester of (${next.owner}).`);
      await this.repo.updateTest(tx, existing.id, next);
    }
    return {
      id: existing.id,
      owner: next.owner,
      created: false,
      fingerprintChanged: differs(['fingerprintLabels', 'fingerprintFilter']),
      timelineChanged: differs(['timelineLabels', 'timelineFunction']),
    };
  }
}

/** Horreum's MissingDataRule objects of a test, for its export. */
async function missingDataRulesOf(tx: Tx, testId: number): Promise<Record<string, unknown>[]> {
  const rows = await tx.$queryRaw<{ id: number; name: string | null; labels: string[]; condition: string | null; max_staleness: bigint; last_notification: Date | null }[]>(
    Prisma.sql`SELECT id, name, labels, condition, max_staleness, last_notification FROM missing_data_rule WHERE test_id = ${testId} ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    labels: r.labels,
    condition: r.condition,
    maxStaleness: Number(r.max_staleness),
    lastNotification: r.last_notification?.toISOString() ?? null,
    testId,
  }));
}
