/** The UI's state and its reducer: every change to the screen is an Action, tested without Ink. */
import type { PodRow } from '../core/client/types.js';
import type { Failure } from '../core/failure.js';
import { filterRows, mergeSorted, sortRows, type SortKey } from './rows.js';

/** What fills the screen below the header. */
export type Screen = 'table' | 'help' | 'picker' | 'filter' | 'save' | 'noconfig';

/** One entry of a picker list. `id` is what choosing it selects. */
export interface PickerItem {
  id: string;
  label: string;
  detail?: string;
  /** The current choice, shown with a marker. */
  current?: boolean;
}

export type PickerKind = 'contexts' | 'users' | 'namespaces';

/** An open picker: the list, the typed filter, the highlighted entry. */
export interface PickerState {
  kind: PickerKind;
  items: PickerItem[];
  query: string;
  typing: boolean;
  index: number;
  loading: boolean;
  /** A line under the title, e.g. why the namespace list is partial. */
  note?: string;
  /** When true, Enter on a query that matches nothing chooses the typed text. */
  acceptTyped: boolean;
}

/** What the header shows about where kpods is pointed. */
export interface TargetInfo {
  context: string;
  cluster: string;
  server: string;
  user: string;
  userOverridden: boolean;
  /** undefined means all namespaces. */
  namespace: string | undefined;
}

export interface UiState {
  screen: Screen;
  target?: TargetInfo;
  rows: Map<string, PodRow>;
  sorted: PodRow[];
  view: PodRow[];
  sort: SortKey;
  filter: string;
  filterDraft: string;
  selectedKey?: string;
  cursor: number;
  top: number;
  viewport: number;
  /** Set while the first list of a target is loading. */
  loading?: { loaded: number; total?: number };
  hasData: boolean;
  lastGood?: Date;
  stale: boolean;
  failure?: Failure;
  /** The summary of a failure that just cleared; the pane says so, then closes. */
  resolved?: string;
  paneOpen: boolean;
  identity?: string;
  expiry?: Date;
  picker?: PickerState;
  savePreview?: string;
  message?: string;
}

export type Action =
  | { type: 'target'; target: TargetInfo }
  | { type: 'loading'; loaded: number; total?: number }
  | { type: 'pods'; rows: PodRow[]; at: Date }
  | { type: 'changes'; upserts: PodRow[]; deletes: string[]; at: Date }
  | { type: 'failed'; failure: Failure }
  | { type: 'identity'; text?: string; expiry?: Date }
  | { type: 'viewport'; rows: number }
  | { type: 'move'; delta: number }
  | { type: 'page'; dir: 1 | -1 }
  | { type: 'edge'; where: 'top' | 'bottom' }
  | { type: 'sort'; key: SortKey }
  | { type: 'screen'; screen: Screen }
  | { type: 'filter-start' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-apply' }
  | { type: 'filter-cancel' }
  | { type: 'picker-open'; kind: PickerKind }
  | { type: 'picker-items'; items: PickerItem[]; note?: string; acceptTyped?: boolean }
  | { type: 'picker-query'; query: string; typing: boolean }
  | { type: 'picker-move'; delta: number }
  | { type: 'picker-close' }
  | { type: 'pane'; open?: boolean }
  | { type: 'resolved-dismiss' }
  | { type: 'save-open'; preview: string }
  | { type: 'message'; text?: string };

/** The state before anything is known. */
export function initialState(sort: SortKey = 'name'): UiState {
  return {
    screen: 'table',
    rows: new Map(),
    sorted: [],
    view: [],
    sort,
    filter: '',
    filterDraft: '',
    cursor: 0,
    top: 0,
    viewport: 10,
    hasData: false,
    stale: false,
    paneOpen: false,
  };
}

/** Keeps the selection on the same pod (by key) and the cursor inside the window. */
function place(s: UiState, cursorHint?: number): UiState {
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
function sortValue(r: PodRow, key: SortKey): string | number {
  switch (key) {
    case 'name':
      return 0;
    case 'status':
      return r.status;
    case 'restarts':
      return r.restartCount;
    case 'age':
      return r.createdAt ? r.createdAt.getTime() : 0;
  }
}

function withRows(s: UiState, rows: Map<string, PodRow>, resort: boolean): UiState {
  const sorted = resort ? sortRows(rows.values(), s.sort) : s.sorted;
  // `-l` selectors go to the server (rows of one namespace carry no labels); the name part is local.
  return place({ ...s, rows, sorted, view: filterRows(sorted, s.filter, false) });
}

/** After a successful answer: drops the failure (remembering it was resolved) and the staleness. */
function succeeded(s: UiState, at: Date): UiState {
  const resolved = s.failure ? s.failure.summary : s.resolved;
  const next: UiState = { ...s, hasData: true, lastGood: at, stale: false, loading: undefined, resolved };
  delete next.failure;
  if (resolved === undefined) delete next.resolved;
  return next;
}

function pickerFiltered(p: PickerState): PickerItem[] {
  const q = p.query.toLowerCase();
  return q === '' ? p.items : p.items.filter((i) => i.label.toLowerCase().includes(q) || i.id.toLowerCase().includes(q));
}

/** The picker entries that match the typed query, in order. */
export function pickerView(p: PickerState): PickerItem[] {
  return pickerFiltered(p);
}

/** What Enter in the picker chooses: the highlighted entry, or the typed text when allowed. */
export function pickerChoice(p: PickerState): { id: string; typed: boolean } | undefined {
  const items = pickerFiltered(p);
  const item = items[Math.min(p.index, items.length - 1)];
  const q = p.query.trim();
  if (p.acceptTyped && q !== '' && !items.some((i) => i.id === q) && (item === undefined || p.typing)) return { id: q, typed: true };
  return item ? { id: item.id, typed: false } : undefined;
}

/** The reducer: pure, no I/O, no clock (times arrive in actions). */
export function reduce(s: UiState, a: Action): UiState {
  switch (a.type) {
    case 'target': {
      const next: UiState = { ...initialState(s.sort), target: a.target, filter: s.filter, viewport: s.viewport, loading: { loaded: 0 } };
      return withRows(next, new Map(), true);
    }
    case 'loading':
      return { ...s, loading: { loaded: a.loaded, total: a.total } };
    case 'pods': {
      const rows = new Map<string, PodRow>();
      for (const r of a.rows) rows.set(r.key, r);
      // A refresh with the same pods and unchanged sort keys keeps the order: no re-sort.
      const sameOrder =
        rows.size === s.rows.size &&
        s.sorted.every((r) => {
          const n = rows.get(r.key);
          return n !== undefined && sortValue(n, s.sort) === sortValue(r, s.sort);
        });
      if (sameOrder) return withRows({ ...succeeded(s, a.at), sorted: s.sorted.map((r) => rows.get(r.key)!) }, rows, false);
      return withRows(succeeded(s, a.at), rows, true);
    }
    case 'changes': {
      const rows = new Map(s.rows);
      for (const k of a.deletes) rows.delete(k);
      // Rows that are new or whose sort key changed are merged into place; the rest are patched.
      const moved: PodRow[] = [];
      for (const r of a.upserts) {
        const old = rows.get(r.key);
        if (!old || sortValue(old, s.sort) !== sortValue(r, s.sort)) moved.push(r);
        rows.set(r.key, r);
      }
      const out = new Set([...a.deletes, ...moved.map((r) => r.key)]);
      const kept = s.sorted.filter((r) => !out.has(r.key)).map((r) => rows.get(r.key) ?? r);
      const sorted = moved.length === 0 ? kept : moved.length > 1000 ? sortRows(rows.values(), s.sort) : mergeSorted(kept, moved, s.sort);
      return withRows({ ...succeeded(s, a.at), sorted }, rows, false);
    }
    case 'failed':
      return { ...s, failure: a.failure, stale: s.hasData, loading: undefined, resolved: undefined };
    case 'identity':
      return { ...s, identity: a.text ?? s.identity, expiry: a.expiry ?? s.expiry };
    case 'viewport':
      return place({ ...s, viewport: Math.max(1, a.rows) });
    case 'move':
      return place(s, s.cursor + a.delta);
    case 'page':
      return place({ ...s, top: Math.max(0, s.top + a.dir * s.viewport) }, s.cursor + a.dir * s.viewport);
    case 'edge':
      return place(s, a.where === 'top' ? 0 : s.view.length - 1);
    case 'sort':
      return s.sort === a.key ? s : withRows({ ...s, sort: a.key }, s.rows, true);
    case 'screen':
      return { ...s, screen: a.screen, picker: a.screen === 'picker' ? s.picker : undefined };
    case 'filter-start':
      return { ...s, screen: 'filter', filterDraft: s.filter };
    case 'filter-input':
      // Live filtering while typing; the draft becomes the filter.
      return withRows({ ...s, filterDraft: a.text, filter: a.text }, s.rows, false);
    case 'filter-apply':
      return { ...s, screen: 'table' };
    case 'filter-cancel':
      return withRows({ ...s, screen: 'table', filter: '', filterDraft: '' }, s.rows, false);
    case 'picker-open':
      return {
        ...s,
        screen: 'picker',
        picker: { kind: a.kind, items: [], query: '', typing: false, index: 0, loading: true, acceptTyped: false },
      };
    case 'picker-items': {
      if (!s.picker) return s;
      const cur = a.items.findIndex((i) => i.current);
      const picker: PickerState = {
        ...s.picker,
        items: a.items,
        loading: false,
        acceptTyped: a.acceptTyped ?? false,
        index: cur >= 0 ? cur : 0,
      };
      if (a.note !== undefined) picker.note = a.note;
      else delete picker.note;
      return { ...s, picker };
    }
    case 'picker-query':
      return s.picker ? { ...s, picker: { ...s.picker, query: a.query, typing: a.typing, index: 0 } } : s;
    case 'picker-move': {
      if (!s.picker) return s;
      const n = pickerFiltered(s.picker).length;
      const index = Math.max(0, Math.min(n - 1, s.picker.index + a.delta));
      return { ...s, picker: { ...s.picker, index } };
    }
    case 'picker-close':
      return { ...s, screen: 'table', picker: undefined };
    case 'pane':
      return { ...s, paneOpen: a.open ?? !s.paneOpen };
    case 'resolved-dismiss': {
      const next = { ...s };
      delete next.resolved;
      return next;
    }
    case 'save-open':
      return { ...s, screen: 'save', savePreview: a.preview };
    case 'message':
      return { ...s, message: a.text };
  }
}
