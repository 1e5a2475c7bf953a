/** Context health: the trace pipeline for every context at once (`kpods contexts --check`, the context picker). */
export {
  checkContext,
  needsTerminal,
  skippedSummary,
  fromTrace,
  type ContextCheck,
  type CheckResult,
  type CheckContextOptions,
} from './check-context.js';
export { checkContexts, DEFAULT_CHECK_CONCURRENCY, DEFAULT_CHECK_TIMEOUT_MS, type CheckAllOptions } from './check-all.js';
export { HealthCache, type HealthEntry, type CheckRunner, type HealthCacheOptions } from './health-cache.js';
export { resultCell } from './format.js';
