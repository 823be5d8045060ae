import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ResourceProblemView } from '../../../components/resource-problem-view';
import { findDatasetsWithValues, findRun } from '../../../features/runs/find-run';
import { RunDetailView } from '../../../features/runs/run-detail-view';
import { parseId } from '../../../lib/ids';
import { headOf, prettyJson } from '../../../lib/json-text';
import { whenSignedIn } from '../../../lib/session';

export const dynamic = 'force-dynamic';

// The page carries at most this much of the document; "Show all" fetches the rest on request.
const DOCUMENT_HEAD_CHARS = 100 * 1024;

interface RunPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: RunPageProps): Promise<Metadata> {
  const id = parseId((await params).id);
  return { title: id ? `Run ${id}` : 'Run' };
}

export default async function RunPage({ params }: RunPageProps) {
  const id = parseId((await params).id);
  if (!id) {
    notFound();
  }
  const [run, datasets] = await Promise.all([findRun(id), findDatasetsWithValues(id)]);
  const signedIn = await whenSignedIn(run, `/runs/${id}`);
  if (!signedIn.isOk) {
    return <ResourceProblemView kind="Run" problem={signedIn.problem} parent={{ label: 'Tests', href: '/' }} />;
  }
  // The document goes as its head only; metadata is not shown yet.
  const { data, metadata: _metadata, ...summary } = signedIn.data;
  const pretty = prettyJson(data);
  return <RunDetailView run={summary} documentHead={headOf(pretty, DOCUMENT_HEAD_CHARS).text} documentChars={pretty.length} datasets={datasets} />;
}
