import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ResourceProblemView } from '../../../components/resource-problem-view';
import { findChangeDetectionTabData, findChangesTabData } from '../../../features/changes/find-changes';
import { findNotificationsTabData } from '../../../features/notifications/find-notifications';
import { findAllTransformers, findDatasets, findFingerprints, findLabelNames, findLabelValues, findRecalculations, findRuns, findTest } from '../../../features/tests/find-test-detail';
import { fingerprintObject, parseTestDetailQuery, type TestDetailQuery } from '../../../features/tests/test-detail-query';
import { TestDetailView, type TestTabData } from '../../../features/tests/test-detail-view';
import type { ApiResult } from '../../../lib/api-result';
import { parseId } from '../../../lib/ids';
import { canChange } from '../../../lib/permissions';
import { withSearchParams, type SearchParams } from '../../../lib/search-params';
import { getCurrentUser, whenSignedIn, type Me } from '../../../lib/session';

export const dynamic = 'force-dynamic';

interface TestPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: TestPageProps): Promise<Metadata> {
  const id = parseId((await params).id);
  const test = id ? await findTest(id) : undefined;
  return { title: test?.isOk ? test.data.name : 'Test' };
}

export default async function TestPage({ params, searchParams }: TestPageProps) {
  const id = parseId((await params).id);
  if (!id) {
    notFound();
  }
  const search = await searchParams;
  const path = withSearchParams(`/tests/${id}`, search, {});
  const test = await whenSignedIn(await findTest(id), path);
  if (!test.isOk) {
    return <ResourceProblemView kind="Test" problem={test.problem} parent={{ label: 'Tests', href: '/' }} />;
  }
  const query = parseTestDetailQuery(search);
  // Asked once per request (cached): the page and the Notifications tab share the answer.
  const me = await getCurrentUser();
  const [tabData, recalculations] = await Promise.all([findTabData(id, query, me), findRecalculations(id)]);
  return (
    <TestDetailView
      test={test.data}
      canEdit={canChange(me?.isOk ? me.data : undefined, test.data.owner)}
      searchParams={search}
      tabData={tabData}
      recalculations={recalculations}
      now={Date.now()}
    />
  );
}

async function findTabData(testId: number, query: TestDetailQuery, me: ApiResult<Me> | undefined): Promise<TestTabData> {
  switch (query.tab) {
    case 'runs':
      return { tab: 'runs', query: query.runs, runs: await findRuns(testId, query.runs) };
    case 'datasets':
      return { tab: 'datasets', query: query.datasets, datasets: await findDatasets(testId, query.datasets) };
    case 'label-values': {
      const [labelValues, fingerprints] = await Promise.all([findLabelValues(testId, query.labelValues), findFingerprints(testId)]);
      return { tab: 'label-values', query: query.labelValues, labelValues, fingerprints: fingerprints.isOk ? fingerprints.data.map(fingerprintObject) : [] };
    }
    case 'changes':
      return { tab: 'changes', changes: await findChangesTabData(testId, query.changes.fingerprint) };
    case 'change-detection': {
      const [changeDetection, labelNames] = await Promise.all([findChangeDetectionTabData(testId), findLabelNames()]);
      return { tab: 'change-detection', changeDetection, labelNames };
    }
    case 'notifications':
      return { tab: 'notifications', notifications: await findNotificationsTabData(testId, me) };
    case 'settings': {
      const [labelNames, transformers] = await Promise.all([findLabelNames(), findAllTransformers()]);
      return { tab: 'settings', labelNames, transformers };
    }
  }
}
