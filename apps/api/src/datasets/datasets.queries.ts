import { Prisma } from '@granary/db';
import type { LabelFilter } from './label-filter';

/**
 * SQL pieces shared by the dataset lists, the label value tables and bulk trashing. Every caller
 * value is a bind parameter; the only raw text comes from the fixed maps below.
 */

/** Which datasets: of a test, of a run, or carrying a schema URI. */
export type DatasetScope = { testId: number } | { runId: number } | { schemaUri: string };

export function scopeCondition(scope: DatasetScope): Prisma.Sql {
  if ('testId' in scope) {
    return Prisma.sql`d.test_id = ${scope.testId}`;
  }
  if ('runId' in scope) {
    return Prisma.sql`d.run_id = ${scope.runId}`;
  }
  return Prisma.sql`EXISTS (SELECT 1 FROM dataset_schema ds WHERE ds.dataset_id = d.id AND ds.uri = ${scope.schemaUri})`;
}

/**
 * `x.all_values`: every label value of dataset `d` as one object keyed by label name (Horreum
 * looks labels up by name across schemas). One index scan of label_value by dataset_id per row.
 */
export const ALL_VALUES_LATERAL = Prisma.sql`CROSS JOIN LATERAL (
  SELECT COALESCE(jsonb_object_agg(l.name, v.value), '{}'::jsonb) AS all_values
  FROM label_value v JOIN label l ON l.id = v.label_id
  WHERE v.dataset_id = d.id) x`;

/** Conditions on `values` (an expression yielding the label values object) for a parsed filter. */
export function filterConditions(values: Prisma.Sql, filter: LabelFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.contains) {
    conditions.push(Prisma.sql`${values} @> ${JSON.stringify(filter.contains)}::jsonb`);
  }
  for (const { name, values: any } of filter.anyOf) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${JSON.stringify(any)}::jsonb) e(v) WHERE ${values} -> ${name} = e.v)`);
  }
  if (filter.jsonPath) {
    conditions.push(Prisma.sql`${values} @? ${filter.jsonPath}::jsonpath`);
  }
  return conditions;
}

export function fingerprintConditions(fingerprint: Record<string, string> | undefined): Prisma.Sql[] {
  return fingerprint ? [Prisma.sql`d.fingerprint = ${JSON.stringify(fingerprint)}::jsonb`] : [];
}

export function timeConditions(before: Date | undefined, after: Date | undefined): Prisma.Sql[] {
  return [...(before ? [Prisma.sql`d.stop < ${before}`] : []), ...(after ? [Prisma.sql`d.start > ${after}`] : [])];
}

export function where(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`;
}

export type Direction = 'ASC' | 'DESC';

export function direction(descending: boolean): Prisma.Sql {
  return Prisma.raw(descending ? 'DESC' : 'ASC');
}

/**
 * Orders by one label's value: numbers first (numerically), then other values by their text,
 * then datasets without the label, whatever the direction. The name is a parameter.
 */
export function labelOrder(values: Prisma.Sql, name: string, descending: boolean): Prisma.Sql {
  const dir = direction(descending);
  return Prisma.sql`CASE WHEN jsonb_typeof(${values} -> ${name}) = 'number' THEN 0
                         WHEN jsonb_typeof(${values} -> ${name}) <> 'null' THEN 1 ELSE 2 END,
    CASE WHEN jsonb_typeof(${values} -> ${name}) = 'number' THEN (${values} ->> ${name})::numeric END ${dir},
    ${values} ->> ${name} ${dir}`;
}
