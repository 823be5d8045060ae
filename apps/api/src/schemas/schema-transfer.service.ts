import { Inject, Injectable } from '@nestjs/common';
import { Db, type Tx } from '@granary/db';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { assertValid, DefinitionsWriter, extractorsOf, schemaExportProblems, type LabelWrite } from './definitions.writer';
import type { SchemaExport, SchemaExportInput } from './dto/export.dto';
import { toLabelDto, toSchemaDto, toTransformerDto } from './schemas.mappers';
import { SchemasRepository } from './schemas.repository';
import { visibleSchema } from './schemas.service';

/** What importing one schema changed, for the pipeline requests the caller files. */
export interface SchemaImportOutcome {
  schemaId: number;
  /** Labels created, or whose definition changed. */
  changedLabelIds: number[];
  /** The schema is new, its URI or JSON Schema changed, or a transformer was added or changed. */
  runsAffected: boolean;
}

/**
 * Schema export and import (Horreum's SchemaExport). An import matches the schema by URI and its
 * labels and transformers by name, so importing the same file twice changes nothing the second
 * time; labels and transformers missing from the file are kept.
 */
@Injectable()
export class SchemaTransferService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(SchemasRepository) private readonly repo: SchemasRepository,
    @Inject(DefinitionsWriter) private readonly writer: DefinitionsWriter,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  async exportSchema(caller: Caller, id: number): Promise<SchemaExport> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleSchema(this.repo, tx, id);
      return (await this.exportSchemas(tx, [id]))[0]!;
    });
  }

  /** The schemas with their (visible) labels and transformers, in the order of `ids`. */
  async exportSchemas(tx: Tx, ids: readonly number[]): Promise<SchemaExport[]> {
    if (ids.length === 0) {
      return [];
    }
    const [schemas, labels, transformers] = await Promise.all([
      this.repo.findSchemasByIds(tx, ids),
      this.repo.labelsOfSchemas(tx, ids),
      this.repo.transformersOfSchemas(tx, ids),
    ]);
    return ids.flatMap((id) => {
      const schema = schemas.find((s) => s.id === id);
      return schema
        ? [
            {
              ...toSchemaDto(schema),
              labels: labels.filter((l) => l.schemaId === id).map(toLabelDto),
              transformers: transformers.filter((t) => t.schemaId === id).map(toTransformerDto),
            },
          ]
        : [];
    });
  }

  /** Creates or updates a schema with its labels and transformers, in one transaction; answers its id. */
  async importSchema(caller: UserCaller, input: SchemaExportInput): Promise<number> {
    assertValid(schemaExportProblems(input, ''));
    const outcome = await this.db.asCaller(identityOf(caller), async (tx) => {
      await this.writer.checkJsonPaths(tx, extractorsIn(input, ''));
      const result = await this.importSchemaIn(tx, caller, input, '');
      await this.fileRequests(tx, [result]);
      return result;
    });
    if (outcome.runsAffected || outcome.changedLabelIds.length > 0) {
      this.pipeline.wake();
    }
    return outcome.schemaId;
  }

  /** The import of one schema inside the caller's transaction (a test import brings several). JSONPaths are checked by the caller. */
  async importSchemaIn(tx: Tx, caller: UserCaller, input: SchemaExportInput, pointer: string): Promise<SchemaImportOutcome> {
    refuseDuplicateNames(input, pointer);
    const existing = await this.repo.findSchemaByUri(tx, input.uri.trim());
    const saved = await this.writer.saveSchema(tx, caller, input, existing, pointer);
    const schema = saved.row;
    const currentLabels = saved.created ? [] : await this.repo.labelsOfSchemas(tx, [schema.id]);
    const writes: LabelWrite[] = (input.labels ?? []).map((label, i) => ({
      input: label,
      existing: currentLabels.find((l) => l.name === label.name.trim()),
      pointer: `${pointer}/labels/${i}`,
    }));
    const labels = await this.writer.saveLabels(tx, caller, schema, writes);
    let runsAffected = saved.runsAffected;
    const currentTransformers = saved.created ? [] : await this.repo.transformersOfSchemas(tx, [schema.id]);
    for (const [i, transformer] of (input.transformers ?? []).entries()) {
      const existingTransformer = currentTransformers.find((t) => t.name === transformer.name.trim());
      const result = await this.writer.saveTransformer(tx, caller, schema, transformer, existingTransformer, `${pointer}/transformers/${i}`);
      runsAffected ||= result.runsAffected;
    }
    return { schemaId: schema.id, changedLabelIds: labels.changed, runsAffected };
  }

  /** Files the pipeline requests for imported schemas: one for all changed labels, one per affected schema. */
  async fileRequests(tx: Tx, outcomes: readonly SchemaImportOutcome[]): Promise<void> {
    const labelIds = outcomes.flatMap((o) => o.changedLabelIds);
    await this.pipeline.labelsChanged(tx, labelIds, `labels ${labelIds.join(', ')} imported`);
    for (const o of outcomes.filter((x) => x.runsAffected)) {
      await this.pipeline.schemaChanged(tx, o.schemaId, `schema ${o.schemaId} imported`);
    }
  }
}

/** Every extractor of an imported schema (labels and transformers), for one JSONPath check. */
export function extractorsIn(input: SchemaExportInput, pointer: string): { pointer: string; jsonpath: string; what: string }[] {
  return extractorsOf([
    ...(input.labels ?? []).map((l, i) => ({ input: l, pointer: `${pointer}/labels/${i}`, kind: 'label' as const })),
    ...(input.transformers ?? []).map((t, i) => ({ input: t, pointer: `${pointer}/transformers/${i}`, kind: 'transformer' as const })),
  ]);
}

/** A file naming a label or transformer twice is ambiguous: refused rather than applied in order. */
function refuseDuplicateNames(input: SchemaExportInput, pointer: string): void {
  const problems = (['labels', 'transformers'] as const).flatMap((kind) => {
    const seen = new Set<string>();
    return (input[kind] ?? []).flatMap((item, i) => {
      const name = item.name.trim();
      const duplicate = seen.has(name);
      seen.add(name);
      return duplicate ? [{ pointer: `${pointer}/${kind}/${i}/name`, message: `${kind === 'labels' ? 'label' : 'transformer'} ${name} appears twice` }] : [];
    });
  });
  if (problems.length > 0) {
    throw new DomainError('validation-failed', { detail: `The file names ${problems[0]!.message.replace(' appears twice', '')} twice.`, errors: problems });
  }
}
