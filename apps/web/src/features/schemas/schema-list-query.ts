import type { Schemas } from '@granary/api-client';
import { parsePaging, type Paging } from '../../lib/paging';
import { firstParam, type SearchParams } from '../../lib/search-params';

/** Columns of the schema list a person can sort by. */
export const SCHEMA_SORT_FIELDS = ['name', 'uri', 'owner'] as const;
export type SchemaSortField = (typeof SCHEMA_SORT_FIELDS)[number];

/** What the schema list shows, read from `?page=&limit=&sort=&direction=&name=`. */
export interface SchemaListQuery extends Paging {
  sort: SchemaSortField;
  direction: Schemas['SortDirection'];
  /** Only schemas whose name contains this (case-insensitive); '' for all. */
  name: string;
}

/**
 * Reads the schema list's view state from the URL; anything unknown falls back to by name, ascending.
 *
 * @example
 * parseSchemaListQuery({ sort: 'uri', name: ' load ' }) // { page: 1, limit: 20, sort: 'uri', direction: 'Ascending', name: 'load' }
 */
export function parseSchemaListQuery(params: SearchParams): SchemaListQuery {
  const sort = firstParam(params, 'sort');
  return {
    ...parsePaging(params),
    sort: SCHEMA_SORT_FIELDS.find((f) => f === sort) ?? 'name',
    direction: firstParam(params, 'direction') === 'Descending' ? 'Descending' : 'Ascending',
    name: (firstParam(params, 'name') ?? '').trim().slice(0, 200),
  };
}

/** The tabs of the schema editor, as `?tab=` names them. */
export const SCHEMA_TABS = ['general', 'labels', 'transformers'] as const;
export type SchemaTab = (typeof SCHEMA_TABS)[number];
