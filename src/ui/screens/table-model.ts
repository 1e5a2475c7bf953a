/** The pod table's state and its reducer: rows, sort, filter, cursor, freshness and failure. Pure. */
import type { PodRow } from '../../core/client/types.js';
import type { Failure } from '../../core/failure.js';
import type { MetricsProbe } from '../../core/metrics/api.js';
import type { UsageByPod } from '../metrics-feed.js';
import { reuseRows, sameRow } from '../same-row.js';
import { RowMap } from '../row-map.js';
import { ageSortValue, filterRows, mergeSorted, parseFilter, type SortKey } from '../rows.js';
import { carryOrders, fateOf, rewrite, swapIn, swapsOf, rememberOrder, sortOrder } from '../sort-order.js';

export interface TableState {
  rows: RowMap;
  sorted: readonly PodRow[];
  view: readonly PodRow[];
  sort: SortKey;
  /** The sort turned around (the same sort key pressed again). */
  reverse: boolean;
  /** The `/` filter (name part filters here; `-l` goes to the server). */
  filter: string;
  selectedKey?: string | undefined;
  cursor: number;
  top: number;
  viewport: number;
  /** Set while the first list of a target is loading. */
  loading?: { loaded: number; total?: number | undefined } | undefined;
  hasData: boolean;
  lastGood?: Date | undefined;
  stale: boolean;
  failure?: Failure | undefined;
  /** The summary of a failure that just cleared; the pane says so, then closes. */
  resolved?: string | undefined;
  paneOpen: boolean;
  /** The metrics API's state for this target (undefined until known). */
  metrics?: MetricsProbe | undefined;
  /** `-o wide`: kubectl's wide columns come before the usage columns when room is short. */
  wideFirst?: boolean | undefined;
  /** Pod usage by `namespace/name`, only while the metrics API is available (the usage columns show then). */
  usage?: UsageByPod | undefined;
}

export type TableAction =
  | { type: 'table-reset'; loading: boolean }
  | { type: 'loading'; loaded: number; total?: number | undefined }
  | { type: 'first-rows'; rows: readonly PodRow[] }
  | { type: 'pods'; rows: readonly PodRow[]; at: Date }
  | { type: 'changes'; upserts: readonly PodRow[]; deletes: readonly string[]; at: Date }
  | { type: 'failed'; failure: Failure }
  | { type: 'viewport'; rows: number }
  | { type: 'move'; delta: number }
  | { type: 'page'; dir: 1 | -1 }
  | { type: 'edge'; where: 'top' | 'bottom' }
  | { type: 'sort'; key: SortKey }
  | { type: 'filter-set'; text: string }
  | { type: 'pane'; open?: boolean }
  | { type: 'resolved-dismiss' }
  | { type: 'metrics-state'; probe: MetricsProbe }
  | { type: 'usage'; usage: UsageByPod }
  | { type: 'wide-first'; on: boolean };

export function initialTable(sort: SortKey = 'name'): TableState {
  return {
    rows: RowMap.of([]),
    sorted: [],
    view: [],
    sort,
    reverse: false,
    filter: '',
    cursor: 0,
    top: 0,
    viewport: 10,
    hasData: false,
    stale: false,
    paneOpen: false,
  };
}

/** Keeps the selection on the same pod (by key) and the cursor inside the window. */
function place(s: TableState, cursorHint?: number): TableState {
  let cursor = cursorHint ?? s.cursor;
  if (cursorHint === undefined && s.selectedKey !== undefined) {
    const i = s.view.findIndex((r) => r.key === s.selectedKey);
    if (i >= 0) cursor = i;
  }
  const n = s.view.length;
  cursor = n === 0 ? 0 : Math.max(0, Math.min(n - 1, cursor));
  const vp = Math.max(1, s.viewport);
  let top = Math.max(0, Math.min(s.top, Math.max(0, n - vp)));
  if (cursor < top) top = cursor;
  if (cursor >= top + vp) top = cursor - vp + 1;
  return { ...s, cursor, top, selectedKey: s.view[cursor]?.key };
}

/** The value a row is sorted by (besides the namespace/name tie-break, which never changes). */
function sortValue(r: PodRow, key: SortKey, usage?: UsageByPod): string | number {
  switch (key) {
    case 'cpu':
      return usage?.get(`${r.namespace}/${r.name}`)?.cells.cpuMillis ?? -1;
    case 'memory':
      return usage?.get(`${r.namespace}/${r.name}`)?.cells.memoryBytes ?? -1;
    case 'name':
      return 0;
    case 'status':
      return r.status;
    case 'restarts':
      return r.restartCount;
    case 'age':
      return ageSortValue(r);
  }
}

/** Whether every row that `next` keeps is kept by `prev` (the name part only: `-l` goes to the server). */
function narrows(prev: string, next: string): boolean {
  return parseFilter(next).text.includes(parseFilter(prev).text);
}

function withRows(s: TableState, rows: RowMap, resort: boolean): TableState {
  const sorted = resort ? sortOrder(rows, s.sort, s.usage, s.reverse) : s.sorted;
  // An order found another way (kept, merged) is remembered: the next sort key starts from it.
  if (!resort) rememberOrder(rows, s.sort, s.reverse, sorted);
  // `-l` selectors go to the server (rows of one namespace carry no labels); the name part is local.
  return place({ ...s, rows, sorted, view: filterRows(sorted, s.filter, false) });
}

/**
 * `next` with `rows`, the rows of `prev` after `upserts` and `deletes`: rows that are new or whose
 * sort key changed are merged into place, the rest are patched where they were (no re-sort).
 */
function patched(next: TableState, prev: TableState, rows: RowMap, upserts: readonly PodRow[], deletes: readonly string[]): TableState {
  const out = new Set(deletes);
  const moved: PodRow[] = [];
  const added: PodRow[] = [];
  let patchedRows = 0;
  for (const r of upserts) {
    const old = out.has(r.key) ? undefined : prev.rows.get(r.key);
    if (old === undefined) added.push(r);
    if (!old || sortValue(old, prev.sort, prev.usage) !== sortValue(r, prev.sort, prev.usage)) moved.push(r);
    else patchedRows++;
  }
  for (const r of moved) out.add(r.key);
  // The rows not upserted are prev's own objects: only the replaced ones are swapped in.
  const swap = swapsOf(prev.rows, upserts);
  // Sorted by name, the new order is the name order itself (withRows remembers it): nothing to carry.
  if (prev.sort !== 'name' || prev.reverse) carryOrders(prev.rows, rows, swap, deletes, added);
  // One pass over the order: rows gone or moved dropped, replaced ones swapped in (looked up by object).
  let kept = prev.sorted;
  if (out.size > 0) kept = rewrite(prev.sorted, fateOf(prev.rows, swap, out));
  else if (patchedRows > 0) kept = swapIn(kept, swap);
  const sorted =
    moved.length === 0
      ? kept
      : moved.length > 1000
        ? sortOrder(rows, prev.sort, prev.usage, prev.reverse)
        : mergeSorted(kept, moved, prev.sort, prev.usage, prev.reverse);
  return withRows({ ...next, sorted }, rows, false);
}

/** After a successful answer: drops the failure (remembering it was resolved) and the staleness. */
function succeeded(s: TableState, at: Date): TableState {
  const resolved = s.failure ? s.failure.summary : s.resolved;
  return { ...s, hasData: true, lastGood: at, stale: false, loading: undefined, failure: undefined, resolved };
}

/** The table reducer: pure, no I/O, no clock (times arrive in actions). */
export function reduceTable(s: TableState, a: TableAction): TableState {
  switch (a.type) {
    case 'table-reset': {
      const next: TableState = {
        ...initialTable(s.sort),
        reverse: s.reverse,
        wideFirst: s.wideFirst,
        filter: s.filter,
        viewport: s.viewport,
        loading: a.loading ? { loaded: 0 } : undefined,
      };
      return withRows(next, RowMap.of([]), true);
    }
    case 'loading':
      return { ...s, loading: { loaded: a.loaded, total: a.total } };
    case 'first-rows':
      // Shown while the rest loads (the header still counts it); the whole list replaces them.
      if (s.hasData || !s.loading) return s;
      return withRows(s, RowMap.of(a.rows), true);
    case 'pods': {
      const { rows, upserts, deletes, changed } = reuseRows(s.rows, a.rows);
      // The same pods as before: the table's arrays stay as they are (nothing on screen changes).
      if (!changed && s.hasData) return succeeded(s, a.at);
      // A refresh: only what changed is merged into the order (an unchanged poll row is the same object).
      if (s.hasData) return patched(succeeded(s, a.at), s, rows, upserts, deletes);
      return withRows(succeeded(s, a.at), rows, true);
    }
    case 'changes': {
      // Events that change nothing shown (a new resourceVersion, a field not in the table) are dropped.
      const upserts = a.upserts.filter((r) => {
        const old = s.rows.get(r.key);
        return old === undefined || !sameRow(old, r);
      });
      if (upserts.length === 0 && !a.deletes.some((k) => s.rows.has(k))) return succeeded(s, a.at);
      const rows = s.rows.with(upserts, a.deletes);
      return patched(succeeded(s, a.at), s, rows, upserts, a.deletes);
    }
    case 'failed':
      return { ...s, failure: a.failure, stale: s.hasData, loading: undefined, resolved: undefined };
    case 'viewport':
      return place({ ...s, viewport: Math.max(1, a.rows) });
    case 'move':
      return place(s, s.cursor + a.delta);
    case 'page':
      return place({ ...s, top: Math.max(0, s.top + a.dir * s.viewport) }, s.cursor + a.dir * s.viewport);
    case 'edge':
      return place(s, a.where === 'top' ? 0 : s.view.length - 1);
    case 'sort':
      // The same key again turns the order around; another key sorts its usual way.
      return withRows({ ...s, sort: a.key, reverse: s.sort === a.key ? !s.reverse : false }, s.rows, true);
    case 'filter-set':
      if (s.filter === a.text) return s;
      // Typing on: the rows that match the longer text are among those shown (50,000 pods: the
      // next keystroke looks at the few shown, not at every row again).
      if (narrows(s.filter, a.text)) return place({ ...s, filter: a.text, view: filterRows(s.view, a.text, false) });
      return withRows({ ...s, filter: a.text }, s.rows, false);
    case 'pane':
      return { ...s, paneOpen: a.open ?? !s.paneOpen };
    case 'resolved-dismiss':
      return s.resolved === undefined ? s : { ...s, resolved: undefined };
    case 'metrics-state': {
      // Without the API the usage columns go, and a usage sort falls back to name order.
      if (a.probe.state === 'available') return { ...s, metrics: a.probe };
      const sort = s.sort === 'cpu' || s.sort === 'memory' ? 'name' : s.sort;
      return withRows({ ...s, metrics: a.probe, usage: undefined, sort }, s.rows, sort !== s.sort);
    }
    case 'wide-first':
      return { ...s, wideFirst: a.on };
    case 'usage':
      if (s.metrics?.state !== 'available') return s;
      return withRows({ ...s, usage: a.usage }, s.rows, s.sort === 'cpu' || s.sort === 'memory');
  }
}
