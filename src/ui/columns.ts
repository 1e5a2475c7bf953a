/** Fits kubectl's pod columns into the terminal width: wide columns drop first, names truncate last. */
import type { PodRow } from '../core/client/types.js';
import { neutralize } from '../core/terminal-text.js';
import { ageCell } from './age.js';
import type { UsageByPod } from './metrics-feed.js';
import { humanDuration } from '../core/pods/human-duration.js';
import { USAGE_ORDER, USAGE_PRIORITY, USAGE_TITLES, usageCell, usageText, type UsageColumnId } from './usage-columns.js';

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

/** Columns whose text depends on the row alone (AGE too when the row has no creation time). */
const FIXED: ColumnId[] = ['namespace', 'name', 'ready', 'status', 'restarts', 'ip', 'node', 'nominated', 'gates', 'age'];
const AGE = FIXED.indexOf('age');
const EPOCH = new Date(0);
/** Cell widths of FIXED by row: rows are immutable and kept across refreshes, so each is measured once. */
const fixedWidths = new WeakMap<PodRow, number[]>();

function widthsOf(row: PodRow): number[] {
  let w = fixedWidths.get(row);
  if (w === undefined) {
    w = FIXED.map((id) => (id === 'age' && row.createdAt ? 0 : cell(row, id, EPOCH).length));
    fixedWidths.set(row, w);
  }
  return w;
}

/**
 * The natural width of each column over `rows` (every row in view, not the visible page), capped.
 * With `seen`, rows in it are skipped (their cells were measured at the same `now` minute and
 * usage) and the rest are added to it: under churn only new and changed rows (new objects) are
 * measured, and the result is grown from `from` (the widths measured before).
 */
export function measureColumns(
  rows: readonly PodRow[],
  now: Date,
  usage?: UsageByPod,
  seen?: Set<PodRow>,
  from?: Partial<Record<ColumnId, number>>,
): Partial<Record<ColumnId, number>> {
  const n = Math.min(rows.length, MEASURED_ROWS);
  const fixed = FIXED.map((id) => from?.[id] ?? 0);
  const used = USAGE_ORDER.map((id) => from?.[id] ?? 0);
  const t = now.getTime();
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (seen) {
      if (seen.has(row)) continue;
      seen.add(row);
    }
    const w = widthsOf(row);
    for (let j = 0; j < w.length; j++) if (w[j]! > fixed[j]!) fixed[j] = w[j]!;
    // An AGE computed from the creation time is plain ASCII: its length is its width.
    if (row.createdAt) fixed[AGE] = Math.max(fixed[AGE]!, humanDuration(t - row.createdAt.getTime()).length);
    const c = usage?.get(`${row.namespace}/${row.name}`)?.cells;
    for (let j = 0; j < USAGE_ORDER.length; j++) used[j] = Math.max(used[j]!, usageText(c, USAGE_ORDER[j]!).length);
  }
  const out: Partial<Record<ColumnId, number>> = {};
  FIXED.forEach((id, j) => (out[id] = Math.min(fixed[j]!, CAP[id] ?? Infinity)));
  USAGE_ORDER.forEach((id, j) => (out[id] = Math.min(used[j]!, CAP[id] ?? Infinity)));
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
