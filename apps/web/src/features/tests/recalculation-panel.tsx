'use client';

import type { Problem } from '@granary/api-client';
import { PageSection, Progress, Stack, StackItem, Title } from '@patternfly/react-core';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import type { ApiResult } from '../../lib/api-result';
import { describeRecalculation, isActive, recalculationsToShow, type Recalculation } from './recalculations';
import { readRecalculations } from './tests.actions';

// While a recalculation runs, its progress is asked for this often.
const POLL_MS = 1000;

interface RecalculationPanelProps {
  testId: number;
  /** The recalculations when the page was rendered. */
  initial: ApiResult<Recalculation[]>;
  /** The server's clock then, so "recent" means the same on both sides. */
  now: number;
}

/**
 * A progress bar per recalculation of the test that runs (polled every second) or finished in
 * the last minutes, in a page section of its own (none when there is nothing to show). When the
 * last one finishes, the page is rendered again with the new values.
 */
export function RecalculationPanel({ testId, initial, now }: RecalculationPanelProps) {
  const router = useRouter();
  const [items, setItems] = useState<Recalculation[]>(initial.isOk ? initial.data : []);
  const [problem, setProblem] = useState<Problem | undefined>(initial.isOk ? undefined : initial.problem);
  const [clock, setClock] = useState(now);
  const wasActive = useRef(items.some(isActive));

  // A new render of the page (after a save or "Recalculate") brings a new list.
  useEffect(() => {
    setItems(initial.isOk ? initial.data : []);
    setProblem(initial.isOk ? undefined : initial.problem);
    setClock(now);
  }, [initial, now]);

  const hasActive = items.some(isActive);
  useEffect(() => {
    if (hasActive) {
      wasActive.current = true;
    } else if (wasActive.current) {
      wasActive.current = false;
      // Everything finished: show the tables with the new values.
      router.refresh();
    }
    if (!hasActive) {
      return;
    }
    let isCancelled = false;
    const timer = setTimeout(async () => {
      const result = await readRecalculations(testId);
      if (isCancelled) {
        return;
      }
      if (result.isOk) {
        setItems(result.data);
        setProblem(undefined);
      } else {
        setProblem(result.problem);
      }
      setClock(Date.now());
    }, POLL_MS);
    return () => {
      isCancelled = true;
      clearTimeout(timer);
    };
  }, [hasActive, items, testId, router]);

  const shown = recalculationsToShow(items, clock);
  if (shown.length === 0 && !problem) {
    return null;
  }

  return (
    <PageSection aria-labelledby="recalculations-title">
      <Stack hasGutter>
        <StackItem>
          <Title headingLevel="h2" size="lg" id="recalculations-title">
            Recalculations
          </Title>
        </StackItem>
        {problem && (
          <StackItem>
            <ProblemAlert problem={problem} />
          </StackItem>
        )}
        {shown.map((r) => {
          const d = describeRecalculation(r);
          return (
            <StackItem key={r.id}>
              <Progress value={d.value} title={d.title} measureLocation="outside" variant={d.variant} helperText={d.detail} />
            </StackItem>
          );
        })}
      </Stack>
    </PageSection>
  );
}
