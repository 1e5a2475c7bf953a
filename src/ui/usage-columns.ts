/**
 * The usage columns of the pod table (CPU, MEM and the shares of requests and limits), shown only
 * while the metrics API is available: their titles, cells, the order in which they are given up
 * when the terminal is narrow, which cells are hot (over 90% of a limit), and the CPU/memory sorts.
 */
import type { PodRow } from '../core/client/types.js';
import type { PodUsageView, UsageByPod } from './metrics-feed.js';

export type UsageColumnId = 'cpu' | 'memory' | 'cpuR' | 'cpuL' | 'memR' | 'memL';

export const USAGE_TITLES: Record<UsageColumnId, string> = {
  cpu: 'CPU',
  memory: 'MEM',
  cpuR: '%CPU/R',
  cpuL: '%CPU/L',
  memR: '%MEM/R',
  memL: '%MEM/L',
};

/** Display order (after the base columns, before kubectl's wide ones). */
export const USAGE_ORDER: readonly UsageColumnId[] = ['cpu', 'memory', 'cpuR', 'cpuL', 'memR', 'memL'];

/** When narrow, kept in this order: usage itself first, then the share of limits (what gets pods killed), then of requests. */
export const USAGE_PRIORITY: readonly UsageColumnId[] = ['cpu', 'memory', 'memL', 'cpuL', 'memR', 'cpuR'];

/** The cell shown for a pod without usage (not running: metrics-server reports none). */
const NO_USAGE = '-';

export function isUsageColumn(id: string): id is UsageColumnId {
  return id in USAGE_TITLES;
}

const keyOf = (row: PodRow): string => `${row.namespace}/${row.name}`;

/** The text of one usage cell. */
export function usageCell(row: PodRow, id: UsageColumnId, usage: UsageByPod | undefined): string {
  return usageText(usage?.get(keyOf(row))?.cells, id);
}

/** The text of one usage cell from a pod's usage cells (undefined: the pod has none). */
export function usageText(c: PodUsageView['cells'] | undefined, id: UsageColumnId): string {
  if (!c) return NO_USAGE;
  switch (id) {
    case 'cpu':
      return c.cpu;
    case 'memory':
      return c.memory;
    case 'cpuR':
      return c.cpuOfRequest;
    case 'cpuL':
      return c.cpuOfLimit;
    case 'memR':
      return c.memoryOfRequest;
    case 'memL':
      return c.memoryOfLimit;
  }
}

/** True when the cell shows usage over 90% of a limit (highlighted). */
export function usageHot(row: PodRow, id: UsageColumnId, usage: UsageByPod | undefined): boolean {
  const c = usage?.get(keyOf(row))?.cells;
  if (!c) return false;
  if (id === 'cpu' || id === 'cpuL') return c.cpuHot;
  if (id === 'memory' || id === 'memL') return c.memoryHot;
  return false;
}

/** Biggest first; pods without usage last (then by namespace/name). */
export function compareUsage(key: 'cpu' | 'memory', usage: UsageByPod | undefined): (a: PodRow, b: PodRow) => number {
  const value = (r: PodRow): number => {
    const c = usage?.get(keyOf(r))?.cells;
    return c ? (key === 'cpu' ? c.cpuMillis : c.memoryBytes) : -1;
  };
  return (a, b) =>
    value(b) - value(a) ||
    (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
