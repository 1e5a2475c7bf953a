/**
 * kubectl top's cells: CPU in millicores (`12m`, MilliValue rounded up), memory in mebibytes
 * (`340Mi`, Value rounded up then divided with truncation), and the share of a request or limit
 * as kubectl prints node percentages (float64 ratio of milli-values, truncated), `n/a` without one.
 */
import { milliValue, wholeValue, type Quantity } from './quantity.js';

const MI = 1024n * 1024n;

/** `12m`. */
export function formatCpu(q: Quantity): string {
  return `${milliValue(q)}m`;
}

/** `340Mi`. */
export function formatMemory(q: Quantity): string {
  return `${wholeValue(q) / MI}Mi`;
}

/** used / total as a float ratio of milli-values; undefined when there is no (positive) total. */
export function shareOf(used: Quantity, total: Quantity | undefined): number | undefined {
  if (!total) return undefined;
  const t = Number(milliValue(total));
  if (!(t > 0)) return undefined;
  return Number(milliValue(used)) / t;
}

/** `42%`, or `n/a` without a request/limit. */
export function formatShare(share: number | undefined): string {
  return share === undefined ? 'n/a' : `${Math.trunc(share * 100)}%`;
}

/** Above this share of a limit, usage is highlighted. */
const HOT_SHARE = 0.9;

/** True when usage is over 90% of a limit. */
export function isHot(shareOfLimit: number | undefined): boolean {
  return shareOfLimit !== undefined && shareOfLimit > HOT_SHARE;
}
