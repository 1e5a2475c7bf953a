/**
 * Checks many contexts at once: at most `concurrency` in flight (8 by default), each within its
 * time limit, one connection pool per server and TLS identity shared between them, and every
 * request and plugin process stopped when the caller aborts.
 */
import { SharedPools } from '../client/shared-pools.js';
import { checkContext, type CheckContextOptions, type ContextCheck } from './check-context.js';

export interface CheckAllOptions extends Omit<CheckContextOptions, 'timeoutMs'> {
  /** Per context (default 10 s). */
  timeoutMs?: number;
  /** Contexts checked at the same time (default 8). */
  concurrency?: number;
  /** Called as each context's result arrives (in completion order). */
  onResult?: (check: ContextCheck) => void;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;
export const DEFAULT_CHECK_CONCURRENCY = 8;

/** Checks `names` and resolves to their results in the order given. */
export async function checkContexts(names: string[], opts: CheckAllOptions): Promise<ContextCheck[]> {
  const pools = new SharedPools();
  const results: ContextCheck[] = new Array<ContextCheck>(names.length);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const deps = { ...opts.clientDeps, sharedPools: pools };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) {
      const i = next++;
      const r = await checkContext(names[i] as string, { ...opts, clientDeps: deps, timeoutMs });
      results[i] = r;
      opts.onResult?.(r);
    }
  };
  const width = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CHECK_CONCURRENCY, names.length));
  try {
    await Promise.all(Array.from({ length: width }, worker));
  } finally {
    await pools.close();
  }
  return results;
}
