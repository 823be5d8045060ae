'use server';

import type { Schemas } from '@granary/api-client';
import { refresh } from 'next/cache';
import { callApi, callApiNoContent } from '../../lib/api';
import { formProblem, type ApiResult } from '../../lib/api-result';
import { inSession } from '../../lib/session';
import { extractorProblems } from './extractors';

export type SchemaInput = Schemas['SchemaInput'];
export type LabelInput = Schemas['LabelInput'];
export type TransformerInput = Schemas['TransformerInput'];
export type LabelPreviewRequest = Schemas['LabelPreviewRequestDto'];
export type LabelPreview = Schemas['LabelPreviewDto'];

const pageOf = (schemaId: number | undefined) => (schemaId ? `/schemas/${schemaId}` : '/schemas/new');

/** Creates a schema and answers its id (the view then opens its page, where labels and transformers are added). */
export async function createSchema(input: SchemaInput): Promise<ApiResult<number>> {
  return inSession(await callApi((api) => api.POST('/api/schema', { body: input })), pageOf(undefined));
}

/** Replaces a schema's fields (a new URI or JSON Schema makes the API process its runs again). */
export async function updateSchema(input: SchemaInput & { id: number }): Promise<ApiResult<number>> {
  const result = await inSession(await callApi((api) => api.PUT('/api/schema', { body: input })), pageOf(input.id));
  if (result.isOk) {
    refresh();
  }
  return result;
}

/** Deletes a schema with its labels and transformers (the view then shows the list). */
export async function deleteSchema(schemaId: number): Promise<ApiResult<void>> {
  return inSession(await callApiNoContent((api) => api.DELETE('/api/schema/{id}', { params: { path: { id: schemaId } } })), pageOf(schemaId));
}

/** Adds a label, or updates it when it has an id; the API recomputes its values in the background. */
export async function saveLabel(schemaId: number, label: LabelInput): Promise<ApiResult<number>> {
  const problems = [...(label.name.trim() ? [] : ['Give the label a name.']), ...extractorProblems(label.extractors ?? [])];
  if (problems.length > 0) {
    return { isOk: false, problem: formProblem(problems.join(' ')) };
  }
  const call = label.id
    ? callApi((api) => api.PUT('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: [label] }))
    : callApi((api) => api.POST('/api/schema/{schemaId}/labels', { params: { path: { schemaId } }, body: [label] }));
  const result = await inSession(await call, pageOf(schemaId));
  if (result.isOk) {
    refresh();
  }
  return result.isOk ? { isOk: true, data: result.data[0] ?? 0 } : result;
}

export async function deleteLabel(schemaId: number, labelId: number): Promise<ApiResult<void>> {
  const result = await inSession(
    await callApiNoContent((api) => api.DELETE('/api/schema/{schemaId}/labels/{labelId}', { params: { path: { schemaId, labelId } } })),
    pageOf(schemaId),
  );
  if (result.isOk) {
    refresh();
  }
  return result;
}

/** Adds a transformer, or updates it when it has an id. */
export async function saveTransformer(schemaId: number, transformer: TransformerInput): Promise<ApiResult<number>> {
  const problems = [...(transformer.name.trim() ? [] : ['Give the transformer a name.']), ...extractorProblems(transformer.extractors ?? [])];
  if (problems.length > 0) {
    return { isOk: false, problem: formProblem(problems.join(' ')) };
  }
  const call = transformer.id
    ? callApi((api) => api.PUT('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } }, body: transformer }))
    : callApi((api) => api.POST('/api/schema/{schemaId}/transformers', { params: { path: { schemaId } }, body: transformer }));
  const result = await inSession(await call, pageOf(schemaId));
  if (result.isOk) {
    refresh();
  }
  return result;
}

export async function deleteTransformer(schemaId: number, transformerId: number): Promise<ApiResult<void>> {
  const result = await inSession(
    await callApiNoContent((api) =>
      api.DELETE('/api/schema/{schemaId}/transformers/{transformerId}', { params: { path: { schemaId, transformerId } } }),
    ),
    pageOf(schemaId),
  );
  if (result.isOk) {
    refresh();
  }
  return result;
}

/** "Try it": computes a label (extractors and function) on a run, a dataset or a pasted document, storing nothing. */
export async function previewLabel(request: LabelPreviewRequest): Promise<ApiResult<LabelPreview>> {
  return callApi((api) => api.POST('/api/labels/preview', { body: request }));
}
