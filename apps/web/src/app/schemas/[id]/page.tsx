import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ResourceProblemView } from '../../../components/resource-problem-view';
import { findLabels, findSchema, findTransformers } from '../../../features/schemas/find-schemas';
import { SchemaEditorView } from '../../../features/schemas/schema-editor-view';
import { SCHEMA_TABS } from '../../../features/schemas/schema-list-query';
import { findOwnerTeams } from '../../../features/schemas/owner-teams';
import { parseId } from '../../../lib/ids';
import { canChange } from '../../../lib/permissions';
import { firstParam, type SearchParams } from '../../../lib/search-params';
import { getCurrentUser, whenSignedIn } from '../../../lib/session';

export const dynamic = 'force-dynamic';

interface SchemaPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: SchemaPageProps): Promise<Metadata> {
  const id = parseId((await params).id);
  const schema = id ? await findSchema(id) : undefined;
  return { title: schema?.isOk ? `Schema ${schema.data.name}` : 'Schema' };
}

export default async function SchemaPage({ params, searchParams }: SchemaPageProps) {
  const id = parseId((await params).id);
  if (!id) {
    notFound();
  }
  const schema = await whenSignedIn(await findSchema(id), `/schemas/${id}`);
  if (!schema.isOk) {
    return <ResourceProblemView kind="Schema" problem={schema.problem} parent={{ label: 'Schemas', href: '/schemas' }} />;
  }
  const [me, labels, transformers] = await Promise.all([getCurrentUser(), findLabels(id), findTransformers(id)]);
  const account = me?.isOk ? me.data : undefined;
  const requested = firstParam(await searchParams, 'tab');
  const tab = SCHEMA_TABS.find((t) => t === requested) ?? 'general';
  return (
    <SchemaEditorView
      mode="edit"
      schema={schema.data}
      labels={labels}
      transformers={transformers}
      teams={await findOwnerTeams(account)}
      canEdit={canChange(account, schema.data.owner)}
      tab={tab}
    />
  );
}
