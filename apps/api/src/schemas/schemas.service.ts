import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { hasTeamRole } from '../auth/roles';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { ownersFor } from '../tests/tests.service';
import { accessOr, isRowId } from './definitions';
import { DefinitionsWriter, requireTester } from './definitions.writer';
import type { LabelInfo } from './dto/label.dto';
import type { ListSchemasQuery } from './dto/schema-queries.dto';
import type { AccessInput, LabelLocation, SchemaDescriptor, SchemaDto, SchemaInput, SchemaQueryResult } from './dto/schema.dto';
import type { TransformerInfo } from './dto/transformer.dto';
import { toSchemaDto } from './schemas.mappers';
import { SchemasRepository, type SchemaRow } from './schemas.repository';

/** Horreum answers every schema when no limit is given; this caps one answer. */
const MAX_SCHEMAS_PER_ANSWER = 10_000;

/** Schemas (Horreum's /api/schema): what documents look like, by URI. */
@Injectable()
export class SchemasService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(SchemasRepository) private readonly repo: SchemasRepository,
    @Inject(DefinitionsWriter) private readonly writer: DefinitionsWriter,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  async list(caller: Caller, query: ListSchemasQuery): Promise<SchemaQueryResult> {
    const take = query.limit ?? MAX_SCHEMAS_PER_ANSWER;
    const { rows, count } = await this.db.asCaller(identityOf(caller), (tx) =>
      this.repo.findSchemasPage(tx, {
        owners: ownersFor(caller, query.roles),
        nameContains: query.name?.trim() || undefined,
        sort: query.sort ?? 'name',
        descending: query.direction === 'Descending',
        skip: (query.page ?? 0) * take,
        take,
      }),
    );
    return { schemas: rows.map(toSchemaDto), count };
  }

  async get(caller: Caller, id: number): Promise<SchemaDto> {
    return toSchemaDto(await this.db.asCaller(identityOf(caller), (tx) => visibleSchema(this.repo, tx, id)));
  }

  async idByUri(caller: Caller, uri: string): Promise<number> {
    const row = await this.db.asCaller(identityOf(caller), (tx) => this.repo.findSchemaByUri(tx, uri));
    if (!row) {
      throw new DomainError('not-found', { detail: `Schema with given uri not found: ${uri}` });
    }
    return row.id;
  }

  async descriptors(caller: Caller, ids: number[] | undefined): Promise<SchemaDescriptor[]> {
    const wanted = ids && ids.length > 0 ? ids.filter((id) => isRowId(id)) : undefined;
    return this.db.asCaller(identityOf(caller), (tx) => this.repo.schemaDescriptors(tx, wanted));
  }

  /** Creates a schema owned by a team the caller is a tester of; the runs that carry its URI are linked to it. */
  async add(caller: UserCaller, input: SchemaInput): Promise<number> {
    const id = await this.db.asCaller(identityOf(caller), async (tx) => {
      const { row } = await this.writer.saveSchema(tx, caller, input, undefined);
      await this.pipeline.schemaChanged(tx, row.id, `schema ${row.id} (${row.uri}) created`);
      return row.id;
    });
    this.pipeline.wake();
    return id;
  }

  /** Replaces a schema (`input.id`); a new URI or JSON Schema re-links and re-validates its runs. */
  async update(caller: UserCaller, input: SchemaInput): Promise<number> {
    if (input.id === undefined || input.id === null) {
      throw new DomainError('validation-failed', { detail: 'Give the id of the schema to update.', errors: [{ pointer: '/id', message: 'is required to update a schema' }] });
    }
    const schemaId = input.id;
    const runsAffected = await this.db.asCaller(identityOf(caller), async (tx) => {
      const existing = await visibleSchema(this.repo, tx, schemaId);
      const saved = await this.writer.saveSchema(tx, caller, input, existing);
      if (saved.runsAffected) {
        await this.pipeline.schemaChanged(tx, schemaId, `schema ${schemaId} changed its URI or JSON Schema`);
      }
      return saved.runsAffected;
    });
    if (runsAffected) {
      this.pipeline.wake();
    }
    return schemaId;
  }

  /**
   * Deletes a schema with its labels (and their values) and transformers. As Horreum does, its
   * transformers are first removed from the tests that use them, which are then transformed
   * again; a test of a team the caller cannot change stops the deletion.
   */
  async remove(caller: UserCaller, id: number): Promise<void> {
    const affectedTests = await this.db.asCaller(identityOf(caller), async (tx) => {
      const schema = await visibleSchema(this.repo, tx, id);
      requireTester(caller, schema.owner, `Only testers of ${schema.owner} may delete schema ${schema.name}.`);
      const transformerIds = (await this.repo.transformersOfSchemas(tx, [id])).map((t) => t.id);
      const tests = transformerIds.length > 0 ? await this.repo.testsUsingTransformers(tx, transformerIds) : [];
      const locked = tests.filter((t) => !hasTeamRole(caller, t.owner, 'tester'));
      if (locked.length > 0) {
        throw new DomainError('in-use', {
          detail: `Transformers of schema ${schema.name} are used by tests you may not change: ${locked.map((t) => t.name).join(', ')}. Their testers must remove them first.`,
        });
      }
      if (tests.length > 0) {
        await this.repo.detachTransformers(tx, transformerIds);
        for (const test of tests) {
          await this.pipeline.testChanged(tx, test.id, `transformers of deleted schema ${id} removed from test ${test.id}`);
        }
      }
      await this.repo.deleteSchema(tx, id);
      return tests.length;
    });
    if (affectedTests > 0) {
      this.pipeline.wake();
    }
  }

  /** Horreum's updateAccess: a new owner team and access level for a schema (not its labels or transformers). */
  async updateAccess(caller: UserCaller, id: number, owner: string, access: AccessInput): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      const schema = await visibleSchema(this.repo, tx, id);
      requireTester(caller, schema.owner, `Only testers of ${schema.owner} may change the access of schema ${schema.name}.`);
      requireTester(caller, owner, `You may only give a schema to a team you are a tester of (${owner}).`);
      await this.repo.updateSchema(tx, id, { owner, access: accessOr(access, schema.access) });
    });
  }

  /** Where a label name is used. Fingerprints are the only users of labels so far. */
  async findUsages(caller: Caller, label: string): Promise<LabelLocation[]> {
    const name = label.trim();
    if (name === '') {
      throw new DomainError('validation-failed', { detail: 'No label: give its name.', errors: [{ pointer: '/label', message: 'must not be empty' }] });
    }
    const tests = await this.db.asCaller(identityOf(caller), (tx) => this.repo.testsWithFingerprintLabel(tx, name));
    return tests.map((t) => ({ type: 'FINGERPRINT' as const, testId: t.id, testName: t.name }));
  }

  /** Labels grouped by name across the schemas that define them, sorted by name. */
  async allLabels(caller: Caller, name: string | undefined): Promise<LabelInfo[]> {
    const filter = name?.trim() || undefined;
    const rows = await this.db.asCaller(identityOf(caller), (tx) => this.repo.labelsWithSchemas(tx, filter));
    const byName = new Map<string, LabelInfo>();
    for (const row of rows) {
      const info = byName.get(row.name) ?? { name: row.name, metrics: false, filtering: false, schemas: [] };
      info.metrics ||= row.metrics;
      info.filtering ||= row.filtering;
      if (!info.schemas.some((s) => s.id === row.schemaId)) {
        info.schemas.push({ id: row.schemaId, name: row.schemaName, uri: row.uri });
      }
      byName.set(row.name, info);
    }
    return [...byName.values()];
  }

  async allTransformers(caller: Caller): Promise<TransformerInfo[]> {
    const rows = await this.db.asCaller(identityOf(caller), (tx) => this.repo.allTransformers(tx));
    return rows.map((t) => ({ schemaId: t.schemaId, schemaUri: t.schemaUri, schemaName: t.schemaName, transformerId: t.id, transformerName: t.name }));
  }
}

/** The schema, if the caller may see it: another team's private schema is as missing as a deleted one. */
export async function visibleSchema(repo: SchemasRepository, tx: Tx, id: number): Promise<SchemaRow> {
  const row = isRowId(id) ? await repo.findSchema(tx, id) : undefined;
  if (!row) {
    throw new DomainError('not-found', { detail: `There is no schema ${id}, or you may not see it.` });
  }
  return row;
}
