import type { Metadata } from 'next';
import { findSchemas } from '../../features/schemas/find-schemas';
import { parseSchemaListQuery } from '../../features/schemas/schema-list-query';
import { SchemaList } from '../../features/schemas/schema-list';
import { withSearchParams, type SearchParams } from '../../lib/search-params';
import { getCurrentUser, whenSignedIn } from '../../lib/session';

export const metadata: Metadata = { title: 'Schemas' };

export const dynamic = 'force-dynamic';

export default async function SchemasPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = parseSchemaListQuery(params);
  const [me, result] = await Promise.all([getCurrentUser(), findSchemas(query)]);
  const schemas = await whenSignedIn(result, withSearchParams('/schemas', params, {}));
  return <SchemaList query={query} searchParams={params} isSignedIn={me?.isOk === true} {...schemas} />;
}
