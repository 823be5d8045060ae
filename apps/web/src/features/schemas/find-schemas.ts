import 'server-only';
import type { Schemas } from '@granary/api-client';
import { cache } from 'react';
import { callApi } from '../../lib/api';
import type { ApiResult } from '../../lib/api-result';
import type { SchemaListQuery } from './schema-list-query';

export type Schema = Schemas['SchemaDto'];
export type SchemaPage = Schemas['SchemaQueryResult'];
export type Label = Schemas['LabelDto'];
export type Transformer = Schemas['TransformerDto'];

/** One page of the schemas the caller may see (the URL counts pages from 1, the API from 0). */
export function findSchemas(query: SchemaListQuery): Promise<ApiResult<SchemaPage>> {
  return callApi((api) =>
    api.GET('/api/schema', {
      params: {
        query: { page: query.page - 1, limit: query.limit, sort: query.sort, direction: query.direction, ...(query.name ? { name: query.name } : {}) },
      },
    }),
  );
}

/** The schema, asked once per request (the page and its title share the answer). */
export const findSchema = cache((id: number): Promise<ApiResult<Schema>> => callApi((api) => api.GET('/api/schema/{id}', { params: { path: { id } } })));

export async function findLabels(schemaId: number): Promise<ApiResult<Label[]>> {
  const result = await callApi((api) => api.GET('/api/schema/{schemaId}/labels', { params: { path: { schemaId } } }));
  return result.isOk ? { isOk: true, data: [...result.data].sort((a, b) => a.name.localeCompare(b.name)) } : result;
}

export async function findTransformers(schemaId: number): Promise<ApiResult<Transformer[]>> {
  const result = await callApi((api) => api.GET('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } } }));
  return result.isOk ? { isOk: true, data: [...result.data].sort((a, b) => a.name.localeCompare(b.name)) } : result;
}

/** Every team, for an administrator choosing an owner. */
export async function findAllTeams(): Promise<ApiResult<string[]>> {
  const result = await callApi((api) => api.GET('/api/user/allTeams'));
  return result.isOk ? { isOk: true, data: [...result.data].sort() } : result;
}
