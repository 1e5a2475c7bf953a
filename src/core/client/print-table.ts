/**
 * kubectl's table output: Go's text/tabwriter with kubectl's settings (minwidth 6, padding 3,
 * pad char ' '), cells counted in runes, and no trailing padding after the last column.
 */
import { neutralize } from '../terminal-text.js';
import type { PodRow } from './types.js';

const MIN_WIDTH = 6;
const PADDING = 3;

function runeLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Lays out rows of cells as kubectl's tabwriter does; every line ends with a newline. */
export function tabwrite(lines: string[][]): string {
  const cols = Math.max(0, ...lines.map((l) => l.length - 1));
  const widths: number[] = new Array(cols).fill(0);
  for (const line of lines) {
    for (let i = 0; i < line.length - 1; i++) {
      const w = runeLength(line[i] ?? '') + PADDING;
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  }
  for (let i = 0; i < cols; i++) if ((widths[i] ?? 0) < MIN_WIDTH) widths[i] = MIN_WIDTH;
  const parts: string[] = [];
  for (const line of lines) {
    let out = '';
    for (let i = 0; i < line.length; i++) {
      const cell = line[i] ?? '';
      if (i < line.length - 1) out += cell + ' '.repeat((widths[i] ?? 0) - runeLength(cell));
      else out += cell;
    }
    parts.push(out + '\n');
  }
  return parts.join('');
}

export interface PodTableOptions {
  allNamespaces: boolean;
  wide: boolean;
  /** The AGE cell; defaults to the server's cell. */
  age?: (row: PodRow) => string;
}

/** Formats pod rows as `kubectl get pods` prints them (cluster text neutralised). */
export function formatPodTable(rows: PodRow[], opts: PodTableOptions): string {
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (opts.wide) header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (opts.allNamespaces) header.unshift('NAMESPACE');
  const age = opts.age ?? ((r: PodRow) => r.ageCell ?? '<unknown>');
  const lines: string[][] = [header];
  for (const r of rows) {
    const cells = [r.name, r.ready, r.status, r.restarts, age(r)];
    if (opts.wide) cells.push(r.ip, r.node, r.nominatedNode, r.readinessGates);
    if (opts.allNamespaces) cells.unshift(r.namespace);
    lines.push(cells.map(neutralize));
  }
  return tabwrite(lines);
}
