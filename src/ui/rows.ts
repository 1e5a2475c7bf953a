/** Pure row operations for the live table: sorting, the `/` filter and label selectors. */
import type { PodRow } from '../core/client/types.js';
import { matchesLabels, parseLabelSelector as parseSelector, type LabelRequirement } from '../core/label-selector.js';
import { parseAgeCell } from './age.js';
import type { UsageByPod } from './metrics-feed.js';
import { compareUsage } from './usage-columns.js';

/** The sort keys the table offers. */
export type SortKey = 'name' | 'status' | 'restarts' | 'age' | 'cpu' | 'memory';

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName(a: PodRow, b: PodRow): number {
  return cmpStr(a.namespace, b.namespace) || cmpStr(a.name, b.name);
}

/** The sort value of each server AGE cell seen, parsed once (merging a refresh compares rows by it ~100,000 times at 50k pods). */
const cellAges = new Map<string, number>();

/**
 * The age sort key: larger is younger. The creation time when known; for rows that carry only
 * the server's AGE cell, minus the age it states (an order, never a date); unknown ages sort last.
 */
export function ageSortValue(r: PodRow): number {
  return r.createdAt ? r.createdAt.getTime() : cellAgeSortValue(r.ageCell);
}

/** The age sort key of a server AGE cell alone (minus the age it states; unknown: −∞), parsed once per cell. */
export function cellAgeSortValue(cell: string | undefined): number {
  if (cell === undefined) return Number.NEGATIVE_INFINITY;
  let v = cellAges.get(cell);
  if (v === undefined) {
    const ms = parseAgeCell(cell);
    v = ms === undefined ? Number.NEGATIVE_INFINITY : -ms;
    // Cells of young pods change every second: the memory of them is dropped now and then.
    if (cellAges.size >= 10_000) cellAges.clear();
    cellAges.set(cell, v);
  }
  return v;
}

/** Problems first: failing, then pending, then running, then completed. */
const STATUS_RANK = { failing: 0, pending: 1, ok: 2, done: 3 } as const;

/** The rank of a STATUS cell in the status sort (smaller sorts first). */
export function statusRank(status: string): number {
  return STATUS_RANK[statusClass(status)];
}

const COMPARE: Record<Exclude<SortKey, 'cpu' | 'memory'>, (a: PodRow, b: PodRow) => number> = {
  name: byName,
  status: (a, b) => statusRank(a.status) - statusRank(b.status) || cmpStr(a.status, b.status) || byName(a, b),
  // Most restarts first, as a user hunting crash loops wants.
  restarts: (a, b) => b.restartCount - a.restartCount || byName(a, b),
  // Youngest first (like k9s' age sort); unknown ages last.
  age: (a, b) => ageSortValue(b) - ageSortValue(a) || byName(a, b),
};

/**
 * Merges a few `changed` rows into `sorted` (already sorted by `key`, without them): O(n + k log k)
 * instead of re-sorting everything when a watch batch moves or adds a handful of pods.
 */
export function mergeSorted(
  sorted: readonly PodRow[],
  changed: readonly PodRow[],
  key: SortKey,
  usage?: UsageByPod,
  reverse = false,
): PodRow[] {
  const cmp = compareFor(key, usage, reverse);
  const add = [...changed].sort(cmp);
  const out: PodRow[] = new Array(sorted.length + add.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < sorted.length && j < add.length) out[k++] = cmp(sorted[i]!, add[j]!) <= 0 ? sorted[i++]! : add[j++]!;
  while (i < sorted.length) out[k++] = sorted[i++]!;
  while (j < add.length) out[k++] = add[j++]!;
  return out;
}

/** Returns a new array of `rows` sorted by `key` (ties broken by namespace/name, so order is stable). */
export function sortRows(rows: Iterable<PodRow>, key: SortKey, usage?: UsageByPod, reverse = false): PodRow[] {
  return Array.from(rows).sort(compareFor(key, usage, reverse));
}

/** The order of a sort key (CPU and memory, biggest first, read the usage), turned around when `reverse` (the key pressed again). */
export function compareFor(key: SortKey, usage?: UsageByPod, reverse = false): (a: PodRow, b: PodRow) => number {
  const cmp = key === 'cpu' || key === 'memory' ? compareUsage(key, usage) : COMPARE[key];
  return reverse ? (a, b) => cmp(b, a) : cmp;
}

export type { LabelRequirement };

/** A parsed filter: name substring and label requirements. */
export interface RowFilter {
  text: string;
  labels: LabelRequirement[];
}

/** Parses `app=web,tier!=db,env in (a,b),!legacy,gpu` into requirements; undefined when it is not a selector. */
export function parseLabelSelector(sel: string): LabelRequirement[] | undefined {
  const parsed = parseSelector(sel);
  return parsed.ok ? parsed.requirements : undefined;
}

/**
 * Parses what the user typed after `/`: `-l SELECTOR` filters by labels, anything else is a
 * case-insensitive substring of the pod name. `web -l app=web` combines both.
 */
export function parseFilter(input: string): RowFilter {
  const trimmed = input.trim();
  const idx = trimmed.search(/(^|\s)-l(\s|=)/);
  if (idx < 0) return { text: trimmed.toLowerCase(), labels: [] };
  const text = trimmed.slice(0, idx).trim().toLowerCase();
  const sel = trimmed
    .slice(idx)
    .trim()
    .replace(/^-l[\s=]*/, '');
  const labels = parseLabelSelector(sel);
  // An unparsable selector matches nothing rather than everything, so the mistake is visible.
  return labels ? { text, labels } : { text, labels: [{ op: 'in', key: '\u0000', values: [] }] };
}

/** True when `row` passes the filter. */
export function matchesFilter(row: PodRow, f: RowFilter): boolean {
  if (f.text !== '' && !row.name.toLowerCase().includes(f.text)) return false;
  return matchesLabels(f.labels, row.labels ?? {});
}

/**
 * The `-l` part of what was typed after `/` (the server applies it, as `kubectl get pods -l`
 * does, and says why when it does not parse); undefined when there is none.
 */
export function labelSelectorOf(input: string): string | undefined {
  const idx = input.search(/(^|\s)-l(\s|=)/);
  if (idx < 0) return undefined;
  const sel = input
    .slice(idx)
    .trim()
    .replace(/^-l[\s=]*/, '')
    .trim();
  return sel !== '' ? sel : undefined;
}

/** Applies the filter typed after `/` (empty keeps every row); `labels: false` leaves `-l` to the server. */
export function filterRows(rows: readonly PodRow[], input: string, labels = true): readonly PodRow[] {
  const parsed = parseFilter(input);
  const f = labels ? parsed : { ...parsed, labels: [] };
  if (f.text === '' && f.labels.length === 0) return rows;
  return rows.filter((r) => matchesFilter(r, f));
}

/** The colour class of a STATUS cell: what kubectl users read as healthy, pending or failing. */
export function statusClass(status: string): 'ok' | 'pending' | 'failing' | 'done' {
  if (status === 'Running') return 'ok';
  if (status === 'Completed' || status === 'Succeeded') return 'done';
  if (
    status === 'Pending' ||
    status === 'ContainerCreating' ||
    status === 'PodInitializing' ||
    status === 'Terminating' ||
    (status.startsWith('Init:') && !/Init:(Error|CrashLoopBackOff|ImagePullBackOff|ErrImagePull|OOMKilled|Signal|ExitCode)/.test(status))
  )
    return 'pending';
  return 'failing';
}
