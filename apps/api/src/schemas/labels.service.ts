import { Inject, Injectable } from '@nestjs/common';
import { Db } from '@granary/db';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { isRowId } from './definitions';
import { assertValid, DefinitionsWriter, extractorsOf, labelProblems, requireTester, type LabelWrite } from './definitions.writer';
import type { LabelDto, LabelInput } from './dto/label.dto';
import { toLabelDto } from './schemas.mappers';
import { SchemasRepository } from './schemas.repository';
import { visibleSchema } from './schemas.service';


/**
 * Labels of a schema. A label edit asks the pipeline to recompute exactly the labels whose
 * definition changed (Horreum recomputes every label of every dataset of the schema, #2543).
 */
@Injectable()
export class LabelsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(SchemasRepository) private readonly repo: SchemasRepository,
    @Inject(DefinitionsWriter) private readonly writer: DefinitionsWriter,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  async list(caller: Caller, schemaId: number): Promise<LabelDto[]> {
    const rows = await this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleSchema(this.repo, tx, schemaId);
      return this.repo.labelsOfSchemas(tx, [schemaId]);
    });
    return rows.map(toLabelDto);
  }

  /**
   * Creates labels (no id, or id < 1) and updates labels (by id, of this schema) in one
   * transaction; answers their ids in the order given.
   */
  async save(caller: UserCaller, schemaId: number, inputs: LabelInput[]): Promise<number[]> {
    assertValid(inputs.flatMap((input, i) => labelProblems(input, `/${i}`)));
    const { ids, changed } = await this.db.asCaller(identityOf(caller), async (tx) => {
      const schema = await visibleSchema(this.repo, tx, schemaId);
      const writes: LabelWrite[] = [];
      for (const [i, input] of inputs.entries()) {
        const id = input.id ?? 0;
        const existing = isRowId(id) ? await this.repo.findLabel(tx, id) : undefined;
        if (id > 0 && (!existing || existing.schemaId !== schemaId)) {
          throw new DomainError('not-found', { detail: `Schema ${schema.name} has no label ${id} (or you may not see it).` });
        }
        writes.push({ input, existing, pointer: `/${i}` });
      }
      await this.writer.checkJsonPaths(tx, extractorsOf(writes.map((w) => ({ input: w.input, pointer: w.pointer, kind: 'label' }))));
      const saved = await this.writer.saveLabels(tx, caller, schema, writes);
      await this.pipeline.labelsChanged(tx, saved.changed, `labels ${saved.changed.join(', ')} of schema ${schemaId} added or changed`);
      return saved;
    });
    if (changed.length > 0) {
      this.pipeline.wake();
    }
    return ids;
  }

  /** Deletes a label; its values go with it (nothing needs recomputing). */
  async remove(caller: UserCaller, schemaId: number, labelId: number): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleSchema(this.repo, tx, schemaId);
      const label = isRowId(labelId) ? await this.repo.findLabel(tx, labelId) : undefined;
      if (!label || label.schemaId !== schemaId) {
        throw new DomainError('not-found', { detail: `Schema ${schemaId} has no label ${labelId} (or you may not see it).` });
      }
      requireTester(caller, label.owner, `Only testers of ${label.owner} may delete label ${label.name}.`);
      await this.repo.deleteLabel(tx, labelId);
    });
  }
}
