/** Calls that may fail, a few in flight at a time. */
import type { Result } from './failure.js';

/** `fn` for each of `items`, a few at a time, in order; the first failure ends it. */
export async function eachFew<T, R>(items: readonly T[], fn: (item: T) => Promise<Result<R>>, width = 6): Promise<Result<R[]>> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: Result<R[]> | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && failed === undefined) {
      const i = next++;
      const res = await fn(items[i]!);
      if (!res.ok) failed ??= res;
      else out[i] = res.value;
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return failed ?? { ok: true, value: out };
}
