import { callApi } from '../../../../lib/api';
import { parseId } from '../../../../lib/ids';

/**
 * The test's label values as a file (`?format=csv|json`, with the table's fingerprint and sort):
 * the browser cannot call the API with the session, so the web server fetches it for it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  const search = new URL(request.url).searchParams;
  const format: 'csv' | 'json' = search.get('format') === 'json' ? 'json' : 'csv';
  if (!id) {
    return problemResponse(404, 'Not found', 'No such test.');
  }
  const fingerprint = search.get('fingerprint') || undefined;
  const sort = search.get('sort') || undefined;
  const direction: 'Ascending' | 'Descending' = search.get('direction') === 'Descending' ? 'Descending' : 'Ascending';
  const query = { format, ...(fingerprint ? { fingerprint } : {}), ...(sort ? { sort, direction } : {}) };
  const result = await callApi((api) =>
    api.GET('/api/test/{id}/labelValues', { params: { path: { id }, query }, parseAs: 'text' }),
  );
  if (!result.isOk) {
    return problemResponse(result.problem.status, result.problem.title, result.problem.detail);
  }
  return new Response(result.data as string, {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="test-${id}-label-values.${format}"`,
      'cache-control': 'private, no-store',
    },
  });
}

function problemResponse(status: number, title: string, detail: string | undefined): Response {
  return Response.json({ type: 'about:blank', title, status, detail }, { status, headers: { 'content-type': 'application/problem+json' } });
}
