import type { Metadata } from 'next';
import { ProblemPage } from '../../../components/problem-page';
import { findOwnerTeams } from '../../../features/schemas/owner-teams';
import { SchemaEditorView } from '../../../features/schemas/schema-editor-view';
import { requireUser } from '../../../lib/session';

export const metadata: Metadata = { title: 'New schema' };

export const dynamic = 'force-dynamic';

export default async function NewSchemaPage() {
  const me = await requireUser('/schemas/new');
  if (!me.isOk) {
    return <ProblemPage title="New schema" breadcrumbs={[{ label: 'Schemas', href: '/schemas' }, { label: 'New schema' }]} problem={me.problem} />;
  }
  return <SchemaEditorView mode="new" teams={await findOwnerTeams(me.data)} canEdit />;
}
