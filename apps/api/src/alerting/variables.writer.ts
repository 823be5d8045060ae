import { resolveCondition, type Condition } from '@granary/change-detection';
import { Prisma, type Tx } from '@granary/db';
import { DomainError } from '../common/problem/domain-error';
import { sameJson } from '../schemas/definitions';
import type { VariableDto } from './alerting.dto';

export interface VariableRow {
  id: number;
  test_id: number;
  name: string;
  group: string | null;
  order: number;
  labels: string[];
  calculation: string | null;
  conditions: { id: number; model: string; config: Record<string, unknown> }[];
}

export const VARIABLE_COLUMNS = Prisma.sql`
  v.id, v.test_id, v.name, v."group", v."order", v.labels, v.calculation,
  coalesce((SELECT json_agg(json_build_object('id', c.id, 'model', c.model, 'config', c.config) ORDER BY c.id)
            FROM change_detection c WHERE c.variable_id = v.id), '[]') AS conditions`;

export function variableDto(v: VariableRow): VariableDto {
  return {
    id: v.id,
    testId: v.test_id,
    name: v.name,
    group: v.group,
    order: v.order,
    labels: v.labels,
    calculation: v.calculation,
    changeDetection: v.conditions.map((c) => ({ id: c.id, model: c.model, config: c.config })),
  };
}

export async function variablesOfTest(tx: Tx, testId: number): Promise<VariableRow[]> {
  return tx.$queryRaw<VariableRow[]>(Prisma.sql`SELECT ${VARIABLE_COLUMNS} FROM variable v WHERE v.test_id = ${testId} ORDER BY v."order", v.id`);
}

/**
 * Checks variables as Horreum's clients send them and fills each condition's defaults; a 400 names
 * every problem by JSON pointer (under `pointer`, e.g. `/variables` in a test import).
 */
export function resolveVariables(variables: readonly VariableDto[], pointer = ''): Condition[][] {
  const problems: { pointer: string; message: string }[] = [];
  const names = new Set<string>();
  const resolved = variables.map((v, i) => {
    const at = `${pointer}/${i}`;
    if (v.name.trim() === '') problems.push({ pointer: `${at}/name`, message: 'must not be empty' });
    if (names.has(v.name)) problems.push({ pointer: `${at}/name`, message: `another variable is called ${v.name}` });
    names.add(v.name);
    if (v.labels.length === 0) problems.push({ pointer: `${at}/labels`, message: 'needs at least one label' });
    if (v.labels.length > 1 && !v.calculation) problems.push({ pointer: `${at}/calculation`, message: 'several labels need a calculation combining them' });
    return v.changeDetection.flatMap((c, j) => {
      const r = resolveCondition(c.model, c.config);
      if (!r.ok) {
        problems.push(...r.errors.map((e) => ({ pointer: `${at}/changeDetection/${j}/config${e.pointer}`, message: e.message })));
        return [];
      }
      return [r.condition];
    });
  });
  if (problems.length > 0) {
    throw new DomainError('validation-failed', { detail: `The variables are not valid: ${problems[0]!.pointer} ${problems[0]!.message}.`, errors: problems });
  }
  return resolved;
}

/**
 * Replaces a test's variables, in the caller's transaction: variables missing from the list go
 * (with their datapoints and changes). `match: 'id'` (Horreum's POST /api/alerting/variables: a
 * positive id is an existing variable) or `'name'` (a test import from another instance, where ids
 * mean nothing). Answers whether anything changed.
 */
export async function replaceVariables(tx: Tx, testId: number, variables: readonly VariableDto[], match: 'id' | 'name', pointer = ''): Promise<boolean> {
  const resolved = resolveVariables(variables, pointer);
  const existing = await variablesOfTest(tx, testId);
  const byId = new Map(existing.map((v) => [v.id, v]));
  const byName = new Map(existing.map((v) => [v.name, v]));
  const targets = variables.map((v, i) => {
    if (match === 'name') return byName.get(v.name);
    if (v.id === undefined || v.id <= 0) return undefined;
    const found = byId.get(v.id);
    if (!found) {
      throw new DomainError('validation-failed', { detail: `Variable ${v.id} is not a variable of test ${testId}.`, errors: [{ pointer: `${pointer}/${i}/id`, message: 'not a variable of this test' }] });
    }
    return found;
  });
  const fieldsOf = (v: VariableDto, i: number) => ({ name: v.name, group: v.group ?? null, order: v.order ?? i, labels: v.labels, calculation: v.calculation || null });
  const unchanged =
    existing.length === variables.length &&
    variables.every((v, i) => {
      const t = targets[i];
      const f = fieldsOf(v, i);
      return (
        t !== undefined &&
        t.name === f.name &&
        t.group === f.group &&
        t.order === f.order &&
        sameJson(t.labels, f.labels) &&
        t.calculation === f.calculation &&
        sameJson(
          t.conditions.map((c) => ({ model: c.model, config: c.config })),
          resolved[i]!.map((c) => ({ model: c.model, config: c.config })),
        )
      );
    });
  if (unchanged) {
    return false;
  }
  const keep = targets.filter((t): t is VariableRow => t !== undefined).map((t) => t.id);
  await tx.$executeRaw(Prisma.sql`DELETE FROM variable WHERE test_id = ${testId} AND NOT (id = ANY(${keep}::int[]))`);
  // Names are unique per test: park the kept ones under temporary names first, so that a swap of names works.
  await tx.$executeRaw(Prisma.sql`UPDATE variable SET name = '~renaming~' || id WHERE test_id = ${testId}`);
  for (const [i, v] of variables.entries()) {
    const f = fieldsOf(v, i);
    const target = targets[i];
    let id: number;
    if (target) {
      await tx.$executeRaw(Prisma.sql`
        UPDATE variable SET name = ${f.name}, "group" = ${f.group}, "order" = ${f.order}, labels = ${f.labels}::text[], calculation = ${f.calculation}
        WHERE id = ${target.id}`);
      await tx.$executeRaw(Prisma.sql`DELETE FROM change_detection WHERE variable_id = ${target.id}`);
      id = target.id;
    } else {
      id = (
        await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
          INSERT INTO variable (test_id, name, "group", "order", labels, calculation)
          VALUES (${testId}, ${f.name}, ${f.group}, ${f.order}, ${f.labels}::text[], ${f.calculation})
          RETURNING id`)
      )[0]!.id;
    }
    for (const condition of resolved[i]!) {
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO change_detection (variable_id, test_id, model, config) VALUES (${id}, ${testId}, ${condition.model}, ${JSON.stringify(condition.config)}::jsonb)`);
    }
  }
  return true;
}

/**
 * Variables from a test export (any JSON): Horreum's shape, checked by hand since the file is not a
 * DTO. A 400 names what is wrong by JSON pointer.
 */
export function variablesFromExport(value: unknown, pointer: string): VariableDto[] {
  const fail = (at: string, message: string): never => {
    throw new DomainError('validation-failed', { detail: `${at} ${message}.`, errors: [{ pointer: at, message }] });
  };
  if (!Array.isArray(value)) fail(pointer, 'must be an array of variables');
  return (value as unknown[]).map((raw, i) => {
    const at = `${pointer}/${i}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(at, 'must be an object');
    const v = raw as Record<string, unknown>;
    if (typeof v.name !== 'string') fail(`${at}/name`, 'must be a string');
    if (!Array.isArray(v.labels) || v.labels.some((l) => typeof l !== 'string')) fail(`${at}/labels`, 'must be an array of label names');
    if (v.calculation !== undefined && v.calculation !== null && typeof v.calculation !== 'string') fail(`${at}/calculation`, 'must be a string');
    if (v.group !== undefined && v.group !== null && typeof v.group !== 'string') fail(`${at}/group`, 'must be a string');
    const conditions = v.changeDetection ?? [];
    if (!Array.isArray(conditions)) fail(`${at}/changeDetection`, 'must be an array');
    return {
      name: v.name as string,
      group: (v.group as string | null | undefined) ?? null,
      order: typeof v.order === 'number' ? v.order : i,
      labels: v.labels as string[],
      calculation: (v.calculation as string | null | undefined) ?? null,
      changeDetection: (conditions as unknown[]).map((c, j) => {
        if (typeof c !== 'object' || c === null) fail(`${at}/changeDetection/${j}`, 'must be an object');
        const { model, config } = c as { model?: unknown; config?: unknown };
        if (typeof model !== 'string') fail(`${at}/changeDetection/${j}/model`, 'must be a string');
        if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) fail(`${at}/changeDetection/${j}/config`, 'must be an object');
        // Horreum stores `model` and `builtIn` inside config too; resolveCondition accepts them.
        return { model: model as string, config: (config ?? {}) as Record<string, unknown> };
      }),
    };
  });
}
