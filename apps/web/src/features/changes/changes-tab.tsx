'use client';

import type { Problem } from '@granary/api-client';
import { Button, Content, FormSelect, FormSelectOption, Stack, StackItem, Title, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import ChartLineIcon from '@patternfly/react-icons/dist/esm/icons/chart-line-icon';
import SyncAltIcon from '@patternfly/react-icons/dist/esm/icons/sync-alt-icon';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { EmptyView } from '../../components/empty-view';
import { ProblemAlert } from '../../components/problem-alert';
import { fingerprintText } from './change-format';
import { ChangeTable } from './change-table';
import type { Change } from './change-types';
import { recalculateChanges } from './changes.actions';
import { DetectionProgress } from './detection-progress';
import type { ChangesTabData } from './find-changes';
import { fingerprintOptions } from './fingerprints';
import { SeriesChart } from './series-chart';
import { groupVariables } from './variable-form';

interface ChangesTabProps {
  testId: number;
  canEdit: boolean;
  data: ChangesTabData;
  navigate: (changes: Record<string, string | number | undefined>) => void;
}

/** The Changes tab: a fingerprint picker, a chart per variable grouped by variable group, and the changes of the series. */
export function ChangesTab({ testId, canEdit, data, navigate }: ChangesTabProps) {
  const [run, setRun] = useState(0);
  const [problem, setProblem] = useState<Problem>();
  const [isStarting, startStarting] = useTransition();

  if (!data.variables.isOk) {
    return <ProblemAlert problem={data.variables.problem} canRetry={data.variables.problem.status >= 500} />;
  }
  if (!data.fingerprints.isOk) {
    return <ProblemAlert problem={data.fingerprints.problem} canRetry={data.fingerprints.problem.status >= 500} />;
  }
  const settingsLink = (
    <Button variant={canEdit ? 'primary' : 'link'} component={Link} href={`/tests/${testId}?tab=change-detection`}>
      {canEdit ? 'Define variables' : 'See change detection settings'}
    </Button>
  );
  if (data.variables.data.length === 0) {
    return (
      <EmptyView title="No change detection variables" icon={ChartLineIcon} actions={settingsLink}>
        Change detection watches variables: label values of this test&apos;s datasets, per fingerprint. Define a variable to see its datapoints and changes here.
      </EmptyView>
    );
  }
  const fingerprints = data.fingerprints.data;
  const chosen = fingerprints.find((f) => f.hash === data.chosen);
  if (!chosen) {
    return (
      <EmptyView title="No datapoints yet" icon={ChartLineIcon}>
        Datapoints appear when datasets of this test have values of the variables&apos; labels. Upload runs, or check the labels of the variables.
      </EmptyView>
    );
  }

  const recalculate = () =>
    startStarting(async () => {
      const result = await recalculateChanges(testId);
      setProblem(result.isOk ? undefined : result.problem);
      if (result.isOk) {
        setRun((n) => n + 1);
      }
    });

  const series = data.series;
  const changes: Change[] = series
    .flatMap((s) => (s.isOk ? s.data.changes.map((c) => ({ ...c, variable: c.variable ?? { id: s.data.variable.id, name: s.data.variable.name } })) : []))
    .sort((a, b) => b.timestamp - a.timestamp);
  const groups = groupVariables(data.variables.data.map((variable, index) => ({ group: variable.group, variable, series: series[index] })));
  const hasGroups = groups.some((g) => g.group);

  return (
    <Stack hasGutter>
      <StackItem>
        <Toolbar>
          <ToolbarContent alignItems="center">
            <ToolbarItem>
              {fingerprints.length > 1 ? (
                <FormSelect id="changes-fingerprint" aria-label="Series (fingerprint)" value={chosen.hash} onChange={(_event, value) => navigate({ fingerprint: value })}>
                  {fingerprintOptions(fingerprints).map((o) => (
                    <FormSelectOption key={o.value} value={o.value} label={o.label} />
                  ))}
                </FormSelect>
              ) : (
                <Content component="p">Series: {fingerprintText(chosen.fingerprint)}</Content>
              )}
            </ToolbarItem>
            {canEdit && (
              <ToolbarItem align={{ default: 'alignEnd' }}>
                <Button variant="secondary" icon={<SyncAltIcon />} onClick={recalculate} isLoading={isStarting} isDisabled={isStarting}>
                  Run detection again
                </Button>
              </ToolbarItem>
            )}
          </ToolbarContent>
        </Toolbar>
        {problem && <ProblemAlert problem={problem} />}
        <DetectionProgress testId={testId} run={run} />
      </StackItem>
      {groups.map((group) => (
        <StackItem key={group.group}>
          <Stack hasGutter>
            <StackItem>
              <Title headingLevel="h2" size="lg">
                {group.group || (hasGroups ? 'Other variables' : 'Variables')}
              </Title>
            </StackItem>
            {group.items.map(({ variable, series: result }) => (
              <StackItem key={variable.id ?? variable.name}>
                {!result ? null : result.isOk ? (
                  <SeriesChart testId={testId} series={result.data} canEdit={canEdit} />
                ) : (
                  <ProblemAlert problem={{ ...result.problem, title: `${variable.name}: ${result.problem.title}` }} canRetry={result.problem.status >= 500} />
                )}
              </StackItem>
            ))}
          </Stack>
        </StackItem>
      ))}
      <StackItem>
        <Title headingLevel="h2" size="lg" className="pf-v6-u-mb-sm">
          Changes in this series
        </Title>
        <ChangeTable testId={testId} changes={changes} canEdit={canEdit} />
      </StackItem>
    </Stack>
  );
}
