'use client';

import type { Problem } from '@granary/api-client';
import { Button, Content, PageSection, Skeleton, Stack, StackItem, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import SyncAltIcon from '@patternfly/react-icons/dist/esm/icons/sync-alt-icon';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { ChangesTab } from '../changes/changes-tab';
import type { ChangeDetectionTabData, ChangesTabData } from '../changes/find-changes';
import { VariablesEditor } from '../changes/variables-editor';
import type { NotificationsTabData } from '../notifications/find-notifications';
import { NotificationsTab } from '../notifications/notifications-tab';
import { withSearchParams, type SearchParams } from '../../lib/search-params';
import { AccessBadge } from './access-badge';
import { DatasetTable } from './dataset-table';
import type { DatasetsPage, LabelInfo, LabelValuesPage, Recalculation, RunsPage, Test, TransformerInfo } from './find-test-detail';
import { LabelValuesTable } from './label-values-table';
import { RecalculationPanel } from './recalculation-panel';
import { RunTable } from './run-table';
import type { DatasetsQuery, LabelValuesQuery, RunsQuery, TestTab } from './test-detail-query';
import { TestSettingsForm } from './test-settings-form';
import { recalculateTest } from './tests.actions';

/** The data of the tab on show; the page fetches only that tab's. */
export type TestTabData =
  | { tab: 'runs'; query: RunsQuery; runs: ApiResult<RunsPage> }
  | { tab: 'datasets'; query: DatasetsQuery; datasets: ApiResult<DatasetsPage> }
  | { tab: 'label-values'; query: LabelValuesQuery; labelValues: ApiResult<LabelValuesPage>; fingerprints: Record<string, unknown>[] }
  | { tab: 'changes'; changes: ChangesTabData }
  | { tab: 'change-detection'; changeDetection: ChangeDetectionTabData; labelNames: ApiResult<LabelInfo[]> }
  | { tab: 'notifications'; notifications: NotificationsTabData }
  | { tab: 'settings'; labelNames: ApiResult<LabelInfo[]>; transformers: ApiResult<TransformerInfo[]> };

export interface TestDetailViewProps {
  test: Test;
  /** Testers of the test's team and administrators change it. */
  canEdit: boolean;
  searchParams: SearchParams;
  tabData: TestTabData;
  recalculations: ApiResult<Recalculation[]>;
  /** The server's clock at render time. */
  now: number;
}

const TAB_TITLES: Record<TestTab, string> = {
  runs: 'Runs',
  datasets: 'Datasets',
  'label-values': 'Label values',
  changes: 'Changes',
  'change-detection': 'Change detection',
  notifications: 'Notifications',
  settings: 'Settings',
};

/** A test's page: its runs, datasets, label values, changes, change detection, notifications and settings in tabs, and the progress of its recalculations. */
export function TestDetailView({ test, canEdit, searchParams, tabData, recalculations, now }: TestDetailViewProps) {
  const router = useRouter();
  const [pendingTab, setPendingTab] = useState<TestTab>();
  const [isNavigating, startNavigating] = useTransition();
  const [isRecalculating, startRecalculating] = useTransition();
  const [problem, setProblem] = useState<Problem>();
  const path = `/tests/${test.id}`;
  const shownTab = isNavigating && pendingTab ? pendingTab : tabData.tab;

  const navigate = (changes: Record<string, string | number | undefined>) => startNavigating(() => router.push(withSearchParams(path, searchParams, changes)));
  const selectTab = (tab: TestTab) => {
    setPendingTab(tab);
    // Each tab keeps its own view state; switching starts it afresh.
    startNavigating(() => router.push(tab === 'runs' ? path : `${path}?tab=${tab}`));
  };
  const recalculate = () =>
    startRecalculating(async () => {
      const result = await recalculateTest(test.id);
      setProblem(result.isOk ? undefined : result.problem);
    });

  return (
    <>
      <PageHeader
        title={test.name}
        breadcrumbs={[{ label: 'Tests', href: '/' }, { label: test.name }]}
        description={
          <>
            {test.description && (
              <>
                {test.description}
                <br />
              </>
            )}
            Owned by {test.owner} <AccessBadge access={test.access} />
          </>
        }
        actions={
          canEdit ? (
            <Button variant="secondary" icon={<SyncAltIcon />} onClick={recalculate} isLoading={isRecalculating} isDisabled={isRecalculating}>
              Recalculate
            </Button>
          ) : undefined
        }
      />
      {problem && (
        <PageSection>
          <ProblemAlert problem={problem} />
        </PageSection>
      )}
      <RecalculationPanel testId={test.id} initial={recalculations} now={now} />
      <PageSection>
        <Tabs activeKey={shownTab} onSelect={(_event, key) => selectTab(key as TestTab)} aria-label={`Sections of test ${test.name}`} mountOnEnter unmountOnExit>
          {(Object.keys(TAB_TITLES) as TestTab[]).map((tab) => (
            <Tab key={tab} eventKey={tab} title={<TabTitleText>{TAB_TITLES[tab]}</TabTitleText>}>
              <div className="pf-v6-u-pt-md">{tab === tabData.tab && shownTab === tab ? <TabContent test={test} canEdit={canEdit} tabData={tabData} navigate={navigate} /> : <TabSkeleton />}</div>
            </Tab>
          ))}
        </Tabs>
      </PageSection>
    </>
  );
}

function TabContent({
  test,
  canEdit,
  tabData,
  navigate,
}: {
  test: Test;
  canEdit: boolean;
  tabData: TestTabData;
  navigate: (changes: Record<string, string | number | undefined>) => void;
}): ReactNode {
  const failed = (problem: Problem) => <ProblemAlert problem={problem} canRetry={problem.status >= 500} />;
  switch (tabData.tab) {
    case 'runs':
      return tabData.runs.isOk ? <RunTable testId={test.id} query={tabData.query} data={tabData.runs.data} canEdit={canEdit} navigate={navigate} /> : failed(tabData.runs.problem);
    case 'datasets':
      return tabData.datasets.isOk ? <DatasetTable query={tabData.query} data={tabData.datasets.data} navigate={navigate} /> : failed(tabData.datasets.problem);
    case 'label-values':
      return tabData.labelValues.isOk ? (
        <LabelValuesTable testId={test.id} query={tabData.query} data={tabData.labelValues.data} fingerprints={tabData.fingerprints} navigate={navigate} />
      ) : (
        failed(tabData.labelValues.problem)
      );
    case 'changes':
      return <ChangesTab testId={test.id} canEdit={canEdit} data={tabData.changes} navigate={navigate} />;
    case 'change-detection': {
      const { variables, models, defaults } = tabData.changeDetection;
      if (!variables.isOk) {
        return failed(variables.problem);
      }
      if (!models.isOk) {
        return failed(models.problem);
      }
      if (!defaults.isOk) {
        return failed(defaults.problem);
      }
      return (
        <>
          <Content component="p">
            Change detection watches variables: label values of each dataset, one series per fingerprint, in timeline order. Each model reports where a series changes.
          </Content>
          <VariablesEditor testId={test.id} canEdit={canEdit} variables={variables.data} models={models.data} defaults={defaults.data} labelNames={tabData.labelNames} />
        </>
      );
    }
    case 'notifications':
      return <NotificationsTab testId={test.id} canEdit={canEdit} data={tabData.notifications} />;
    case 'settings':
      return (
        <>
          <Content component="p">Fingerprints group comparable datasets; the timeline orders them; transformers decide what the datasets are.</Content>
          <TestSettingsForm test={test} canEdit={canEdit} labelNames={tabData.labelNames} transformers={tabData.transformers} />
        </>
      );
  }
}

function TabSkeleton() {
  return (
    <Stack hasGutter aria-busy="true">
      <StackItem>
        <Skeleton screenreaderText="Loading" height="2rem" />
      </StackItem>
      {[1, 2, 3, 4].map((row) => (
        <StackItem key={row}>
          <Skeleton height="2rem" />
        </StackItem>
      ))}
    </Stack>
  );
}
