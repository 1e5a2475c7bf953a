/** The waits of the pod and metrics feeds between their requests. */

/** The wait before the next attempt after `failures` consecutive failures: the interval, doubled for each further failure, at most `maxMs`. */
export function backoffMs(intervalMs: number, failures: number, maxMs: number): number {
  if (failures <= 0) return intervalMs;
  return Math.min(maxMs, intervalMs * 2 ** Math.min(failures - 1, 10));
}

/** A feed's pause between requests: ends after `ms`, at once on `wake()`, or when `signal` aborts. */
export class FeedPause {
  private wakeNow: (() => void) | undefined;

  constructor(private readonly signal: AbortSignal) {}

  wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        this.signal.removeEventListener('abort', done);
        this.wakeNow = undefined;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.signal.addEventListener('abort', done, { once: true });
      this.wakeNow = done;
    });
  }

  /** Ends the pause in progress, if any. */
  wake(): void {
    this.wakeNow?.();
  }
}
