import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '@granary/db';
import { hasTeamRole } from '../auth/roles';
import type { UserCaller } from '../common/db/caller';
import { DomainError } from '../common/problem/domain-error';
import {
  accessOr,
  extractorProblems,
  functionProblem,
  hasKnownUriScheme,
  readJsonSchema,
  sameJson,
  textOrNull,
  toExtractors,
  URI_SCHEMES,
  type FieldProblem,
} from './definitions';
import type { SchemaExportInput } from './dto/export.dto';
import type { LabelInput } from './dto/label.dto';
import type { SchemaInput } from './dto/schema.dto';
import type { TransformerInput } from './dto/transformer.dto';
import { SchemasRepository, type LabelRow, type NewLabelRow, type NewSchemaRow, type NewTransformerRow, type SchemaRow, type TransformerRow } from './schemas.repository';

/** A label to write: `existing` when it updates one. `pointer` locates it in the request body. */
export interface LabelWrite {
  input: LabelInput;
  existing?: LabelRow;
  pointer: string;
}

/**
 * Validates and writes schema, label and transformer definitions inside the caller's
 * transaction, for the schema, label and transformer endpoints and for imports alike. It
 * decides permissions (a clear 403 before row-level security would refuse) and reports what
 * changed, so that callers file exactly the pipeline requests a change needs. Writing the same
 * definition again writes nothing.
 */
@Injectable()
export class DefinitionsWriter {
  constructor(@Inject(SchemasRepository) private readonly repo: SchemasRepository) {}

  /** Creates (no `existing`) or replaces a schema. `runsAffected`: its URI or JSON Schema is new. */
  async saveSchema(
    tx: Tx,
    caller: UserCaller,
    input: SchemaInput,
    existing: SchemaRow | undefined,
    pointer = '',
  ): Promise<{ row: SchemaRow; created: boolean; runsAffected: boolean }> {
    assertValid(schemaProblems(input, pointer));
    const next: NewSchemaRow = {
      uri: input.uri.trim(),
      name: input.name.trim(),
      description: textOrNull(input.description),
      schema: (readJsonSchema(input.schema) as { schema: Record<string, unknown> | null }).schema,
      owner: input.owner,
      access: accessOr(input.access, existing?.access ?? 'PUBLIC'),
    };
    if (existing) {
      const changed = (Object.keys(next) as (keyof NewSchemaRow)[]).filter((k) => !sameJson(next[k], existing[k]));
      if (changed.length === 0) {
        return { row: existing, created: false, runsAffected: false };
      }
      requireTester(caller, existing.owner, `Only testers of ${existing.owner} may change schema ${existing.name}.`);
      requireTester(caller, next.owner, `You may only give a schema to a team you are a tester of (${next.owner}).`);
      await this.refuseClashes(tx, next, pointer, existing.id);
      await this.repo.updateSchema(tx, existing.id, next);
      return { row: { id: existing.id, ...next }, created: false, runsAffected: changed.includes('uri') || changed.includes('schema') };
    }
    requireTester(caller, next.owner, `Only testers of ${next.owner} may create schemas it owns.`);
    await this.refuseClashes(tx, next, pointer);
    return { row: await this.repo.insertSchema(tx, next), created: true, runsAffected: true };
  }

  /**
   * Creates or updates labels of `schema`. Returns every label's id, in order, and the ids whose
   * definition (name, extractors, function, filtering, metrics) is new: only those need their
   * values computed again.
   */
  async saveLabels(tx: Tx, caller: UserCaller, schema: SchemaRow, writes: readonly LabelWrite[]): Promise<{ ids: number[]; changed: number[] }> {
    assertValid(writes.flatMap((w) => labelProblems(w.input, w.pointer)));
    await this.refuseLabelNameClashes(tx, schema, writes);
    const ids: number[] = [];
    const changed: number[] = [];
    for (const { input, existing } of writes) {
      const next: NewLabelRow = {
        name: input.name.trim(),
        schemaId: schema.id,
        extractors: toExtractors(input.extractors),
        function: input.function ?? null,
        filtering: input.filtering ?? true,
        metrics: input.metrics ?? true,
        owner: input.owner ?? existing?.owner ?? schema.owner,
        access: accessOr(input.access, existing?.access ?? schema.access),
      };
      if (existing) {
        const differs = (keys: (keyof NewLabelRow)[]) => keys.some((k) => !sameJson(next[k], existing[k]));
        if (differs(['name', 'extractors', 'function', 'filtering', 'metrics', 'owner', 'access'])) {
          requireTester(caller, existing.owner, `Only testers of ${existing.owner} may change label ${existing.name}.`);
          requireTester(caller, next.owner, `You may only give label ${next.name} to a team you are a tester of (${next.owner}).`);
          await this.repo.updateLabel(tx, existing.id, next);
        }
        if (differs(['name', 'extractors', 'function', 'filtering', 'metrics'])) {
          changed.push(existing.id);
        }
        ids.push(existing.id);
      } else {
        requireTester(caller, next.owner, `Only testers of ${next.owner} may create labels it owns (label ${next.name}).`);
        const id = await this.repo.insertLabel(tx, next);
        ids.push(id);
        changed.push(id);
      }
    }
    return { ids, changed };
  }

  /**
   * Creates or updates a transformer of `schema`. A transformer decides how the schema's runs
   * become datasets, so it takes a tester of the schema's team (who may also file the schema's
   * recalculation) as well as of the transformer's own. `runsAffected`: created, or its target
   * schema, extractors or function changed.
   */
  async saveTransformer(
    tx: Tx,
    caller: UserCaller,
    schema: SchemaRow,
    input: TransformerInput,
    existing: TransformerRow | undefined,
    pointer = '',
  ): Promise<{ id: number; runsAffected: boolean }> {
    assertValid(transformerProblems(input, pointer));
    const next: NewTransformerRow = {
      name: input.name.trim(),
      description: textOrNull(input.description),
      schemaId: schema.id,
      targetSchemaUri: textOrNull(input.targetSchemaUri)?.trim() ?? null,
      extractors: toExtractors(input.extractors),
      function: input.function ?? null,
      owner: input.owner ?? existing?.owner ?? schema.owner,
      access: accessOr(input.access, existing?.access ?? schema.access),
    };
    const differs = (keys: (keyof NewTransformerRow)[]) => !existing || keys.some((k) => !sameJson(next[k], existing[k]));
    if (!differs(['name', 'description', 'targetSchemaUri', 'extractors', 'function', 'owner', 'access'])) {
      return { id: existing!.id, runsAffected: false };
    }
    requireTester(caller, schema.owner, `Transformers decide how runs of schema ${schema.name} become datasets: only testers of ${schema.owner} may change them.`);
    if (existing) {
      requireTester(caller, existing.owner, `Only testers of ${existing.owner} may change transformer ${existing.name}.`);
    }
    requireTester(caller, next.owner, `You may only give transformer ${next.name} to a team you are a tester of (${next.owner}).`);
    const clash = (await this.repo.transformersOfSchemas(tx, [schema.id])).find((t) => t.name === next.name && t.id !== existing?.id);
    if (clash) {
      throw new DomainError('validation-failed', {
        detail: `Schema ${schema.name} already has a transformer named ${next.name} (id ${clash.id}).`,
        errors: [{ pointer: `${pointer}/name`, message: 'is already used by another transformer of this schema' }],
      });
    }
    if (existing) {
      await this.repo.updateTransformer(tx, existing.id, next);
      return { id: existing.id, runsAffected: differs(['targetSchemaUri', 'extractors', 'function']) };
    }
    return { id: await this.repo.insertTransformer(tx, next), runsAffected: true };
  }

  /**
   * Asks PostgreSQL to parse every extractor's JSONPath (the dialect label values are computed
   * in), and refuses the request naming each extractor whose path does not parse.
   */
  async checkJsonPaths(tx: Tx, extractors: readonly { pointer: string; jsonpath: string; what: string }[]): Promise<void> {
    const errors = await this.repo.jsonPathErrors(
      tx,
      extractors.map((e) => e.jsonpath.trim()),
    );
    const bad = extractors.filter((e) => errors.has(e.jsonpath.trim()));
    if (bad.length > 0) {
      const first = bad[0]!;
      throw new DomainError('validation-failed', {
        detail: `The JSONPath ${JSON.stringify(first.jsonpath)} of ${first.what} is not valid: ${errors.get(first.jsonpath.trim())}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}.`,
        errors: bad.map((e) => ({ pointer: `${e.pointer}/jsonpath`, message: `${e.what}: ${errors.get(e.jsonpath.trim())}` })),
      });
    }
  }

  private async refuseClashes(tx: Tx, next: NewSchemaRow, pointer: string, exceptId?: number): Promise<void> {
    const clashes = await this.repo.findSchemaClashes(tx, next.name, next.uri, exceptId);
    const problems: FieldProblem[] = [
      ...clashes.filter((c) => c.name === next.name).map((c) => ({ pointer: `${pointer}/name`, message: `is already used by schema ${c.id}` })),
      ...clashes.filter((c) => c.uri === next.uri).map((c) => ({ pointer: `${pointer}/uri`, message: `is already used by schema ${c.id}` })),
    ];
    if (problems.length > 0) {
      // Horreum's words: "Name already used", "URI already used".
      const detail = [problems.some((p) => p.pointer.endsWith('/name')) ? 'Name already used' : '', problems.some((p) => p.pointer.endsWith('/uri')) ? 'URI already used' : '']
        .filter(Boolean)
        .join('; ');
      throw new DomainError('validation-failed', { detail: `${detail}.`, errors: problems });
    }
  }

  private async refuseLabelNameClashes(tx: Tx, schema: SchemaRow, writes: readonly LabelWrite[]): Promise<void> {
    const updated = new Set(writes.flatMap((w) => (w.existing ? [w.existing.id] : [])));
    const untouched = (await this.repo.labelsOfSchemas(tx, [schema.id])).filter((l) => !updated.has(l.id)).map((l) => l.name);
    const taken = new Set(untouched);
    const duplicates: { name: string; pointer: string }[] = [];
    for (const { input, pointer } of writes) {
      const name = input.name.trim();
      if (taken.has(name)) {
        duplicates.push({ name, pointer: `${pointer}/name` });
      }
      taken.add(name);
    }
    if (duplicates.length > 0) {
      // Horreum's words.
      throw new DomainError('validation-failed', {
        detail: `There is an existing label with the same name (${duplicates[0]!.name}) in this schema; please choose a different name.`,
        errors: duplicates.map((d) => ({ pointer: d.pointer, message: `schema ${schema.name} already has a label named ${d.name}` })),
      });
    }
  }
}

/** Every extractor of these labels and transformers, with where it is and whose it is, for checkJsonPaths. */
export function extractorsOf(
  items: readonly { input: { name: string; extractors?: { name: string; jsonpath: string }[] | null }; pointer: string; kind: 'label' | 'transformer' }[],
): { pointer: string; jsonpath: string; what: string }[] {
  return items.flatMap(({ input, pointer, kind }) =>
    (input.extractors ?? []).map((e, i) => ({ pointer: `${pointer}/extractors/${i}`, jsonpath: e.jsonpath, what: `extractor ${e.name} of ${kind} ${input.name}` })),
  );
}

/** Everything wrong with an imported schema, its labels and transformers that needs no database. */
export function schemaExportProblems(input: SchemaExportInput, pointer: string): FieldProblem[] {
  return [
    ...schemaProblems(input, pointer),
    ...(input.labels ?? []).flatMap((l, i) => labelProblems(l, `${pointer}/labels/${i}`)),
    ...(input.transformers ?? []).flatMap((x, i) => transformerProblems(x, `${pointer}/transformers/${i}`)),
  ];
}

export function schemaProblems(input: SchemaInput, pointer: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!hasKnownUriScheme(input.uri.trim())) {
    problems.push({ pointer: `${pointer}/uri`, message: `must start with one of these schemes: ${URI_SCHEMES.join(', ')}` });
  }
  const jsonSchema = readJsonSchema(input.schema);
  if ('problem' in jsonSchema) {
    problems.push({ pointer: `${pointer}/schema`, message: jsonSchema.problem });
  }
  return problems;
}

export function labelProblems(input: LabelInput, pointer: string): FieldProblem[] {
  return [...extractorProblems(input.extractors ?? [], `${pointer}/extractors`), ...functionProblem(input.function, `${pointer}/function`)];
}

export function transformerProblems(input: TransformerInput, pointer: string): FieldProblem[] {
  return [...extractorProblems(input.extractors ?? [], `${pointer}/extractors`), ...functionProblem(input.function, `${pointer}/function`)];
}

export function assertValid(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) {
    const uriProblem = problems.find((p) => p.pointer.endsWith('/uri'));
    throw new DomainError('validation-failed', {
      detail: uriProblem ? `Please use a URI starting with one of these schemes: ${URI_SCHEMES.join(', ')}.` : `${problems.length} problem(s) with the request: ${problems[0]!.pointer} ${problems[0]!.message}.`,
      errors: [...problems],
    });
  }
}

/** A clear 403 before row-level security would refuse the write: `team`'s testers and administrators only. */
export function requireTester(caller: UserCaller, team: string, detail: string): void {
  if (!hasTeamRole(caller, team, 'tester')) {
    throw new DomainError('forbidden', { detail });
  }
}
