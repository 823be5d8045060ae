/**
 * Runs `work` every `intervalMs`, never twice at once (the next run is scheduled when one ends).
 * The timer does not keep the process alive; `stop()` waits for a run in progress.
 */
export function runPeriodically(intervalMs: number, work: () => Promise<unknown>, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      running = work()
        .catch(onError)
        .finally(() => {
          running = undefined;
          if (!stopped) schedule();
        });
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
