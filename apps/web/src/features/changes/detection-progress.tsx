'use client';

import type { Problem } from '@granary/api-client';
import { Progress } from '@patternfly/react-core';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { describeProgress } from './detection-progress-text';
import type { DetectionProgress as Progress_ } from './change-types';
import { readDetectionProgress } from './changes.actions';

// While change detection re-runs, its progress is asked for this often.
const POLL_MS = 1000;

interface DetectionProgressProps {
  testId: number;
  /** Changes (a new number) each time a re-run starts, so polling starts again. */
  run: number;
}

/**
 * The progress of re-running change detection over the test's history, polled every second until
 * it finishes; then the page renders again with the new changes. Nothing before the first run.
 */
export function DetectionProgress({ testId, run }: DetectionProgressProps) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress_>();
  const [problem, setProblem] = useState<Problem>();

  useEffect(() => {
    if (run === 0) {
      return;
    }
    let isCancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setProgress({ percentage: 0, finished: false });
    const poll = async () => {
      const result = await readDetectionProgress(testId);
      if (isCancelled) {
        return;
      }
      if (!result.isOk) {
        setProblem(result.problem);
        return;
      }
      setProblem(undefined);
      setProgress(result.data);
      if (result.data.finished) {
        router.refresh();
      } else {
        timer = setTimeout(poll, POLL_MS);
      }
    };
    timer = setTimeout(poll, POLL_MS / 4);
    return () => {
      isCancelled = true;
      clearTimeout(timer);
    };
  }, [run, testId, router]);

  if (problem) {
    return <ProblemAlert problem={problem} canRetry />;
  }
  if (!progress) {
    return null;
  }
  const d = describeProgress(progress);
  return <Progress value={d.value} title="Change detection over the whole history" measureLocation="outside" variant={d.variant} helperText={d.detail} />;
}
