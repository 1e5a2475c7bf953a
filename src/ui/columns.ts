/** Fits kubectl's pod columns into the terminal width: wide columns drop first, names truncate last. */
import type { PodRow } from '../core/client/types.js';
import { neutralize } from '../core/terminal-text.js';
import { ageCell } from './age.js';
import type { UsageByPod } from './metrics-feed.js';
import { USAGE_ORDER, USAGE_PRIORITY, USAGE_TITLES, usageCell, type UsageColumnId } from './usage-columns.js';

export type ColumnId =
  'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'age' | 'ip' | 'node' | 'nominated' | 'gates' | UsageColumnId;

export interface Column {
  id: ColumnId;
  title: string;
  width: number;
}

const TITLES: Record<ColumnId, string> = {
  namespace: 'NAMESPACE',
  name: 'NAME',
  ready: 'READY',
  status: 'STATUS',
  restarts: 'RESTARTS',
  age: 'AGE',
  ip: 'IP',
  node: 'NODE',
  nominated: 'NOMINATED NODE',
  gates: 'READINESS GATES',
  ...USAGE_TITLES,
};

/** kubectl's priority-1 (wide) columns, in the order they are given up when narrow (last first). */
const WIDE: ColumnId[] = ['ip', 'node', 'nominated', 'gates'];
const GAP = 3;

/** The text of one cell, neutralised (cluster text never reaches the terminal raw). */
export function cell(row: PodRow, id: ColumnId, now: Date, usage?: UsageByPod): string {
  switch (id) {
    case 'cpu':
    case 'memory':
    case 'cpuR':
    case 'cpuL':
    case 'memR':
    case 'memL':
      return usageCell(row, id, usage);
    case 'namespace':
      return neutralize(row.namespace);
    case 'name':
      return neutralize(row.name);
    case 'ready':
      return neutralize(row.ready);
    case 'status':
      return neutralize(row.status);
    case 'restarts':
      return neutralize(row.restarts);
    case 'age':
      return neutralize(ageCell(row, now));
    case 'ip':
      return neutralize(row.ip || '<none>');
    case 'node':
      return neutralize(row.node || '<none>');
    case 'nominated':
      return neutralize(row.nominatedNode || '<none>');
    case 'gates':
      return neutralize(row.readinessGates || '<none>');
  }
}

/** The most a column is widened for one long cell (a pathological name never takes the screen). */
const CAP: Partial<Record<ColumnId, number>> = { name: 63, namespace: 40, status: 32, restarts: 24, node: 40, nominated: 40, gates: 40 };
/** Rows measured for widths: every row in view up to this many (beyond it, the first ones stand for the rest). */
const MEASURED_ROWS = 5000;

/** The natural width of each column over `rows` (every row in view, not the visible page), capped. */
export function measureColumns(rows: readonly PodRow[], now: Date, usage?: UsageByPod): Partial<Record<ColumnId, number>> {
  const out: Partial<Record<ColumnId, number>> = {};
  const ids = Object.keys(TITLES) as ColumnId[];
  const n = Math.min(rows.length, MEASURED_ROWS);
  for (const id of ids) {
    let w = 0;
    const cap = CAP[id] ?? Infinity;
    for (let i = 0; i < n && w < cap; i++) w = Math.max(w, cell(rows[i]!, id, now, usage).length);
    out[id] = Math.min(w, cap);
  }
  return out;
}

/**
 * Chooses columns and widths for `width` terminal columns, measured on `rows` (or given `widths`). With
 * `usage` (the metrics API is available) the usage columns come after the base ones and before
 * kubectl's wide ones, and are given up in USAGE_PRIORITY's reverse order when narrow.
 */
export function layoutColumns(
  rows: readonly PodRow[],
  allNamespaces: boolean,
  width: number,
  now: Date,
  sortedBy?: ColumnId,
  usage?: UsageByPod,
  reversed = false,
  widths: Partial<Record<ColumnId, number>> = measureColumns(rows, now, usage),
  wideFirst = false,
): Column[] {
  const base: ColumnId[] = allNamespaces
    ? ['namespace', 'name', 'ready', 'status', 'restarts', 'age']
    : ['name', 'ready', 'status', 'restarts', 'age'];
  // The sorted column carries an arrow: ↓ its usual order, ↑ turned around (the key pressed again).
  const title = (id: ColumnId): string => (id === sortedBy ? `${TITLES[id]}${reversed ? '↑' : '↓'}` : TITLES[id]);
  const measure = (id: ColumnId): number => Math.max(title(id).length, widths[id] ?? 0);
  let cols: Column[] = base.map((id) => ({ id, title: title(id), width: measure(id) }));
  const total = (cs: Column[]): number => cs.reduce((n, c) => n + c.width, 0) + GAP * (cs.length - 1);
  const usageIds = usage ? USAGE_PRIORITY : [];
  for (const id of wideFirst ? [...WIDE, ...usageIds] : [...usageIds, ...WIDE]) {
    const candidate = [...cols, { id, title: title(id), width: measure(id) }];
    if (total(candidate) <= width) cols.push(candidate[candidate.length - 1]!);
    else break;
  }
  const order: ColumnId[] = [...base, ...USAGE_ORDER, ...WIDE];
  cols.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const shrink = (id: ColumnId, floor: number): void => {
    const over = total(cols) - width;
    const c = cols.find((x) => x.id === id);
    if (over > 0 && c) c.width = Math.min(c.width, Math.max(floor, c.width - over));
  };
  // Still too wide: RESTARTS gives way before any name is cut (kubectl's wide columns already have):
  // first its "(5m ago)" part, then the column (unless the table is sorted by it).
  shrink('restarts', TITLES.restarts.length + 1);
  if (total(cols) > width && sortedBy !== 'restarts') cols = cols.filter((c) => c.id !== 'restarts');
  // Then STATUS, NAMESPACE, and NAME last, down to a floor each.
  shrink('status', 8);
  shrink('namespace', 8);
  shrink('name', 12);
  return cols;
}

/**
 * Fits a pod name into `width` by cutting its middle, so the suffix that tells pods of one
 * workload apart stays: `catalog-7d4b9c8f-x2x9k` → `catalog-7d…-x2x9k`.
 */
export function fitMiddle(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  if (width <= 4) return fit(text, width);
  const room = width - 1;
  const dash = text.lastIndexOf('-');
  const suffix = dash > 0 ? text.length - dash : 0;
  const tail = suffix > 0 && suffix <= Math.floor(room / 2) ? suffix : Math.floor(room / 2);
  return text.slice(0, room - tail) + '…' + text.slice(text.length - tail);
}

/** Pads or truncates `text` to exactly `width` characters (an ellipsis marks a cut). */
export function fit(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  if (width <= 1) return text.slice(0, width);
  return text.slice(0, width - 1) + '…';
}

/** The gap between columns, as kubectl prints it. */
export const COLUMN_GAP = ' '.repeat(GAP);
