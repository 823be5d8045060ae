import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '@granary/config';
import { Db, Prisma, type Tx } from '@granary/db';
import { JSONPATH_ERROR, LABEL_INPUT_OF_DOCUMENT, datasetData, datasetElement } from '@granary/pipeline';
import { Sandbox } from '@granary/sandbox';
import { CONFIG } from '../common/config/config.module';
import { identityOf, type Caller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import type { LabelPreviewDto, PreviewLabelDto, PreviewTargetDto } from './recalculation.dto';

/**
 * "Try it": a label or a JSONPath evaluated on a run, a dataset or a pasted document, exactly as
 * the pipeline would (PostgreSQL's jsonpath, the same sandbox and limits), without storing anything.
 */
@Injectable()
export class PreviewService implements OnApplicationShutdown {
  private sandbox: Sandbox | undefined;

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async previewLabel(caller: Caller, label: PreviewLabelDto, target: PreviewTargetDto): Promise<LabelPreviewDto> {
    const extracted = await this.db.asCaller(identityOf(caller), async (tx): Promise<{ input: unknown } | { error: string }> => {
      const doc = await this.document(tx, target, label.schemaId);
      for (const extractor of label.extractors) {
        const problem = await this.jsonPathError(tx, extractor.jsonpath);
        if (problem) {
          return { error: `Extractor ${extractor.name}: ${problem}` };
        }
      }
      const [row] = await tx.$queryRawUnsafe<{ input: unknown }[]>(LABEL_INPUT_OF_DOCUMENT, JSON.stringify(label.extractors), JSON.stringify(doc));
      return { input: row?.input ?? null };
    });
    if ('error' in extracted) {
      return { error: extracted.error, output: extracted.error };
    }
    if (!label.function) {
      return { value: extracted.input };
    }
    const result = await this.sandboxFor().evaluateOne(label.function, extracted.input, { captureLog: true });
    const log = result.log ?? [];
    return result.ok ? { value: result.value, ...(log.length ? { output: log.join('\n') } : {}) } : { error: result.error, output: [...log, result.error].join('\n') };
  }

  async evaluateJsonPath(caller: Caller, jsonpath: string, isarray: boolean, target: PreviewTargetDto): Promise<{ value?: unknown; error?: string }> {
    return this.db.asCaller(identityOf(caller), async (tx) => {
      const doc = await this.document(tx, target, undefined);
      const problem = await this.jsonPathError(tx, jsonpath);
      if (problem) {
        return { error: problem };
      }
      const [row] = await tx.$queryRaw<{ value: unknown }[]>(Prisma.sql`
        SELECT CASE WHEN ${isarray} THEN jsonb_path_query_array(${JSON.stringify(doc)}::jsonb, ${jsonpath}::jsonpath, '{}'::jsonb, true)
                    ELSE jsonb_path_query_first(${JSON.stringify(doc)}::jsonb, ${jsonpath}::jsonpath, '{}'::jsonb, true) END AS value`);
      return { value: row?.value ?? null };
    });
  }

  private async jsonPathError(tx: Tx, jsonpath: string): Promise<string | undefined> {
    if (!jsonpath.trim().startsWith('$')) {
      return 'A JSONPath starts with $.';
    }
    const [row] = await tx.$queryRawUnsafe<{ message: string | null }[]>(JSONPATH_ERROR, jsonpath);
    return row?.message ?? undefined;
  }

  /** The document a preview runs on; for a run or dataset, the part that carries the label's schema when there is one. */
  private async document(tx: Tx, target: PreviewTargetDto, schemaId: number | undefined): Promise<unknown> {
    const given = [target.runId !== undefined, target.datasetId !== undefined, target.document !== undefined].filter(Boolean).length;
    if (given !== 1) {
      throw new DomainError('validation-failed', { detail: 'Give exactly one of runId, datasetId or document.' });
    }
    if (target.document !== undefined) {
      return target.document;
    }
    if (target.datasetId !== undefined) {
      const [row] = await tx.$queryRaw<{ data: unknown[]; part: unknown }[]>(Prisma.sql`
        SELECT ${Prisma.raw(datasetData('d'))} AS data,
               (SELECT ${Prisma.raw(datasetElement('d', 'ds.index'))} FROM dataset_schema ds WHERE ds.dataset_id = d.id AND ds.schema_id = ${schemaId ?? null}::int ORDER BY ds.index LIMIT 1) AS part
        FROM dataset d WHERE d.id = ${target.datasetId}`);
      if (!row) {
        throw new DomainError('not-found', { detail: `Dataset ${target.datasetId} does not exist, or you may not see it.` });
      }
      return row.part ?? (row.data.length === 1 ? row.data[0] : row.data);
    }
    const [row] = await tx.$queryRaw<{ data: unknown; part: unknown }[]>(Prisma.sql`
      SELECT r.data, (SELECT CASE WHEN rs.source = 1 THEN r.metadata -> rs.key::int WHEN rs.type = 0 THEN r.data
                                  WHEN rs.type = 1 THEN r.data -> rs.key ELSE r.data -> rs.key::int END
                      FROM run_schema rs WHERE rs.run_id = r.id AND rs.schema_id = ${schemaId ?? null}::int LIMIT 1) AS part
      FROM run r WHERE r.id = ${target.runId!}`);
    if (!row) {
      throw new DomainError('not-found', { detail: `Run ${target.runId} does not exist, or you may not see it.` });
    }
    return row.part ?? row.data;
  }

  private sandboxFor(): Sandbox {
    this.sandbox ??= new Sandbox({ timeoutMs: this.config.functionTimeout, memoryMb: this.config.functionMemory });
    return this.sandbox;
  }

  onApplicationShutdown(): void {
    this.sandbox?.dispose();
  }
}
