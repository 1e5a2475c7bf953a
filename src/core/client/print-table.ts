/**
 * kubectl's table output: Go's text/tabwriter with kubectl's settings (minwidth 6, padding 3,
 * pad char ' '), cells counted in runes, and no trailing padding after the last column.
 */
import { neutralize } from '../terminal-text.js';
import type { PodRow } from './types.js';

const MIN_WIDTH = 6;
const PADDING = 3;
const NON_ASCII = /[^\u0000-\u007f]/;

function runeLength(s: string): number {
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function safe(s: string): string {
  return neutralize(s);
}

/** Lays out rows of cells as kubectl's tabwriter does; every line ends with a newline. */
export function tabwrite(lines: string[][]): string {
  let cols = 0;
  for (const l of lines) if (l.length - 1 > cols) cols = l.length - 1;
  const widths: number[] = new Array<number>(cols).fill(MIN_WIDTH);
  const lengths: number[][] = lines.map((line) => line.map(runeLength));
  for (const ls of lengths) {
    for (let i = 0; i < ls.length - 1; i++) {
      const w = (ls[i] ?? 0) + PADDING;
      if (w > (widths[i] ?? 0)) widths[i] = w;
    }
  }
  const pads = new Map<number, string>();
  const pad = (n: number): string => {
    let p = pads.get(n);
    if (p === undefined) pads.set(n, (p = ' '.repeat(n)));
    return p;
  };
  const parts: string[] = [];
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r] ?? [];
    const ls = lengths[r] ?? [];
    const last = line.length - 1;
    for (let i = 0; i < last; i++) parts.push(line[i] ?? '', pad((widths[i] ?? 0) - (ls[i] ?? 0)));
    if (last >= 0) parts.push(line[last] ?? '');
    parts.push('\n');
  }
  return parts.join('');
}

interface PodTableOptions {
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
    const cells: string[] = opts.allNamespaces ? [safe(r.namespace)] : [];
    cells.push(safe(r.name), safe(r.ready), safe(r.status), safe(r.restarts), safe(age(r)));
    if (opts.wide) cells.push(safe(r.ip), safe(r.node), safe(r.nominatedNode), safe(r.readinessGates));
    lines.push(cells);
  }
  return tabwrite(lines);
}
