import { callApi } from '../../../../lib/api';
import { parseId } from '../../../../lib/ids';

/** The run's JSON document as a file: the browser cannot call the API with the session, so the web server fetches it. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const id = parseId((await params).id);
  if (!id) {
    return Response.json({ type: 'about:blank', title: 'Not found', status: 404 }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
  }
  const result = await callApi((api) => api.GET('/api/run/{id}/data', { params: { path: { id } }, parseAs: 'text' }));
  if (!result.isOk) {
    const { status, title, detail } = result.problem;
    return Response.json({ type: result.problem.type, title, status, detail }, { status, headers: { 'content-type': 'application/problem+json' } });
  }
  return new Response(result.data as string, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="run-${id}.json"`,
      'cache-control': 'private, no-store',
    },
  });
}
