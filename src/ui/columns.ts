/** Fits kubectl's pod columns into the terminal width: wide columns drop first, names truncate last. */
import type { PodRow } from '../core/client/types.js';
import { neutralize } from '../core/terminal-text.js';
import { ageCell } from './age.js';

export type ColumnId = 'namespace' | 'name' | 'ready' | 'status' | 'restarts' | 'age' | 'ip' | 'node' | 'nominated' | 'gates';

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
};

/** kubectl's priority-1 (wide) columns, in the order they are given up when narrow (last first). */
const WIDE: ColumnId[] = ['ip', 'node', 'nominated', 'gates'];
const GAP = 3;

/** The text of one cell, neutralised (cluster text never reaches the terminal raw). */
export function cell(row: PodRow, id: ColumnId, now: Date): string {
  switch (id) {
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
      return ageCell(row, now);
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

/** Chooses columns and widths for `width` terminal columns, measured on the visible rows. */
export function layoutColumns(
  rows: readonly PodRow[],
  allNamespaces: boolean,
  width: number,
  now: Date,
  sortedBy?: ColumnId,
  reversed = false,
): Column[] {
  const base: ColumnId[] = allNamespaces
    ? ['namespace', 'name', 'ready', 'status', 'restarts', 'age']
    : ['name', 'ready', 'status', 'restarts', 'age'];
  // The sorted column carries an arrow: ↓ its usual order, ↑ turned around (the key pressed again).
  const title = (id: ColumnId): string => (id === sortedBy ? `${TITLES[id]}${reversed ? '↑' : '↓'}` : TITLES[id]);
  const measure = (id: ColumnId): number => {
    let w = title(id).length;
    for (const r of rows) w = Math.max(w, cell(r, id, now).length);
    return w;
  };
  const cols: Column[] = base.map((id) => ({ id, title: title(id), width: measure(id) }));
  const total = (cs: Column[]): number => cs.reduce((n, c) => n + c.width, 0) + GAP * (cs.length - 1);
  for (const id of WIDE) {
    const candidate = [...cols, { id, title: title(id), width: measure(id) }];
    if (total(candidate) <= width) cols.push(candidate[candidate.length - 1]!);
    else break;
  }
  // Still too wide: shrink NAME, then NAMESPACE, then STATUS, down to a floor each.
  for (const [id, floor] of [
    ['name', 12],
    ['namespace', 8],
    ['status', 8],
  ] as const) {
    const over = total(cols) - width;
    if (over <= 0) break;
    const c = cols.find((x) => x.id === id);
    if (c) c.width = Math.max(floor, c.width - over);
  }
  return cols;
}

/** Pads or truncates `text` to exactly `width` characters (an ellipsis marks a cut). */
export function fit(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  if (width <= 1) return text.slice(0, width);
  return text.slice(0, width - 1) + '…';
}

/** The gap between columns, as kubectl prints it. */
export const COLUMN_GAP = ' '.repeat(GAP);
