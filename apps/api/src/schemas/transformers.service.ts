import { Inject, Injectable } from '@nestjs/common';
import { Db } from '@granary/db';
import { identityOf, type Caller, type UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import { PipelineRequests } from '../pipeline/pipeline-requests';
import { isRowId } from './definitions';
import { assertValid, DefinitionsWriter, extractorsOf, requireTester, transformerProblems } from './definitions.writer';
import type { TransformerDto, TransformerInput } from './dto/transformer.dto';
import { toTransformerDto } from './schemas.mappers';
import { SchemasRepository } from './schemas.repository';
import { visibleSchema } from './schemas.service';


/** Transformers of a schema, and which of them a test uses. */
@Injectable()
export class TransformersService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(SchemasRepository) private readonly repo: SchemasRepository,
    @Inject(DefinitionsWriter) private readonly writer: DefinitionsWriter,
    @Inject(PipelineRequests) private readonly pipeline: PipelineRequests,
  ) {}

  async list(caller: Caller, schemaId: number): Promise<TransformerDto[]> {
    const rows = await this.db.asCaller(identityOf(caller), async (tx) => {
      await visibleSchema(this.repo, tx, schemaId);
      return this.repo.transformersOfSchemas(tx, [schemaId]);
    });
    return rows.map(toTransformerDto).sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  /** Horreum's addOrUpdateTransformer: creates one (no id, or id < 1) or updates it (by id, of this schema). */
  async save(caller: UserCaller, schemaId: number, input: TransformerInput): Promise<number> {
    assertValid(transformerProblems(input, ''));
    const { id, runsAffected } = await this.db.asCaller(identityOf(caller), async (tx) => {
      const schema = await visibleSchema(this.repo, tx, schemaId);
      const wanted = input.id ?? 0;
      const existing = isRowId(wanted) ? await this.repo.findTransformer(tx, wanted) : undefined;
      if (wanted > 0 && !existing) {
        throw new DomainError('not-found', { detail: `There is no transformer ${wanted}, or you may not see it.` });
      }
      if (existing && existing.schemaId !== schemaId) {
        // Horreum's rule and words.
        throw new DomainError('validation-failed', {
          detail: `Transformer id=${existing.id}, name=${existing.name} belongs to a different schema: ${existing.schemaId}(${existing.schemaUri}).`,
          errors: [{ pointer: '/id', message: 'belongs to another schema' }],
        });
      }
      await this.writer.checkJsonPaths(tx, extractorsOf([{ input, pointer: '', kind: 'transformer' }]));
      const saved = await this.writer.saveTransformer(tx, caller, schema, input, existing);
      if (saved.runsAffected) {
        await this.pipeline.schemaChanged(tx, schemaId, `transformer ${saved.id} of schema ${schemaId} ${existing ? 'changed' : 'added'}`);
      }
      return saved;
    });
    if (runsAffected) {
      this.pipeline.wake();
    }
    return id;
  }

  /** Deletes a transformer no test uses (Horreum answers 400 while tests still use it). */
  async remove(caller: UserCaller, schemaId: number, transformerId: number): Promise<void> {
    await this.db.asCaller(identityOf(caller), async (tx) => {
      const schema = await visibleSchema(this.repo, tx, schemaId);
      const transformer = isRowId(transformerId) ? await this.repo.findTransformer(tx, transformerId) : undefined;
      if (!transformer || transformer.schemaId !== schemaId) {
        throw new DomainError('not-found', { detail: `Schema ${schemaId} has no transformer ${transformerId} (or you may not see it).` });
      }
      for (const team of new Set([transformer.owner, schema.owner])) {
        requireTester(caller, team, `Only testers of ${team} may delete transformer ${transformer.name} of schema ${schema.name}.`);
      }
      const tests = await this.repo.testsUsingTransformers(tx, [transformerId]);
      if (tests.length > 0) {
        throw new DomainError('in-use', {
          detail: `This transformer is still referenced in some tests: ${tests.map((t) => `${t.name} (${t.id})`).join(', ')}; please remove them before deleting it.`,
          extensions: { tests: tests.map((t) => ({ id: t.id, name: t.name })) },
        });
      }
      await this.pipeline.schemaChanged(tx, schemaId, `transformer ${transformerId} of schema ${schemaId} deleted`);
      await this.repo.deleteTransformer(tx, transformerId);
    });
    this.pipeline.wake();
  }

  /** Horreum's updateTransformers: the test uses exactly these transformers; its runs are transformed again when that changes. */
  async setForTest(caller: UserCaller, testId: number, transformerIds: number[]): Promise<void> {
    const changed = await this.db.asCaller(identityOf(caller), async (tx) => {
      const test = isRowId(testId) ? await this.repo.findTest(tx, { id: testId }) : undefined;
      if (!test) {
        throw new DomainError('not-found', { detail: `There is no test ${testId}, or you may not see it.` });
      }
      requireTester(caller, test.owner, `Only testers of ${test.owner} may choose the transformers of test ${test.name}.`);
      const found = new Set((await this.repo.transformersByIds(tx, transformerIds)).map((t) => t.id));
      const missing = transformerIds.filter((id) => !found.has(id));
      if (missing.length > 0) {
        throw new DomainError('invalid-reference', {
          detail: `There is no transformer ${missing.join(', ')} (or you may not see it).`,
          errors: missing.map((id) => ({ pointer: `/${transformerIds.indexOf(id)}`, message: 'no such transformer' })),
        });
      }
      const current = await this.repo.testTransformerIds(tx, testId);
      const wanted = [...transformerIds].sort((a, b) => a - b);
      if (current.join(',') === wanted.join(',')) {
        return false;
      }
      await this.repo.replaceTestTransformers(tx, testId, wanted);
      await this.pipeline.testChanged(tx, testId, `transformers of test ${testId} changed`);
      return true;
    });
    if (changed) {
      this.pipeline.wake(testId);
    }
  }
}
