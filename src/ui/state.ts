/**
 * The UI's state and its reducer: a stack of screens (Esc returns to the one below), the pod
 * table's data, and what the header shows. Every change is an Action, tested without Ink.
 */
import type { DetailState } from './screens/detail-model.js';
import type { Failure } from '../core/failure.js';
import type { SortKey } from './rows.js';
import type { ConfirmState } from './screens/confirm-model.js';
import type { PickerState } from './screens/picker-model.js';
import type { LogsState } from './screens/logs-model.js';
import type { PaneState } from './screens/pane-model.js';
import type { Activity } from './activity.js';
import { initialTable, reduceTable, type TableAction, type TableState } from './screens/table-model.js';

/**
 * Each screen's own state, by screen id. A new screen adds one line here (its id and state) and
 * registers its definition in screens/registry.ts.
 */
export interface ScreenStates {
  /** The pod table (its data lives in UiState.table: the feeds fill it whatever is on top). */
  table: Record<string, never>;
  /** Typing the `/` filter over the table. */
  filter: { draft: string };
  picker: PickerState;
  confirm: ConfirmState;
  help: Record<string, never>;
  noconfig: { failure?: Failure | undefined };
  detail: DetailState;
  /** A container's log (screens/logs.tsx). */
  logs: LogsState;
  /** The status pane at full height (screens/pane.tsx). */
  pane: PaneState;
}

export type ScreenId = keyof ScreenStates;

/** One screen on the stack; `key` tells apart two screens of the same kind (e.g. a picker and its successor). */
export type ScreenEntry = { [K in ScreenId]: { id: K; key: number; state: ScreenStates[K] } }[ScreenId];

/** A screen to push, before it has its key. */
export type NewScreen = { [K in ScreenId]: { id: K; state: ScreenStates[K] } }[ScreenId];

/** What the header shows about where kpods is pointed. */
export interface TargetInfo {
  context: string;
  cluster: string;
  server: string;
  user: string;
  userOverridden: boolean;
  /** undefined means all namespaces. */
  namespace: string | undefined;
  /** The selection did not resolve (e.g. no such context): nothing is listed, namespace and user are unknown. */
  unresolved?: boolean | undefined;
  /** How the rows are kept live: watched, or polled every intervalMs (the header's freshness says it). */
  feed?: { watch: boolean; intervalMs: number } | undefined;
}

export interface UiState {
  /** The screens, bottom first; the last one has the keys. Never empty. */
  stack: readonly ScreenEntry[];
  nextKey: number;
  table: TableState;
  target?: TargetInfo | undefined;
  identity?: string | undefined;
  expiry?: Date | undefined;
  /** When the current context last passed its health check (the context picker's checks). */
  contextOkAt?: Date | undefined;
  /** A one-line message in the footer (cleared by the next key on the table). */
  message?: string | undefined;
  /** What kpods is doing while the table waits (refreshing, retrying, backing off); the footer says it. */
  activity?: Activity | undefined;
  /** Row keys marked with Space (delete and kill act on them); cleared when the target changes. */
  marks: ReadonlySet<string>;
  /** Since when the table's own pod list has been in flight (the header says so after a second). */
  waitingServer?: Date | undefined;
  /** A credential plugin that is running, and since when. */
  waitingPlugin?: { name: string; since: Date } | undefined;
  /** The status line under the table: the top finding of the pod whose row has signature `sig` (row-finding.ts). */
  rowFinding?: { sig: string; text?: string | undefined } | undefined;
}

export type Action =
  | TableAction
  | { type: 'target'; target: TargetInfo }
  | { type: 'identity'; text?: string | undefined; expiry?: Date | undefined }
  | { type: 'message'; text?: string | undefined }
  | { type: 'activity'; activity?: Activity | undefined }
  | { type: 'context-ok'; at?: Date | undefined }
  /** The table's pod list started (since) or ended (no since). */
  | { type: 'waiting-server'; since?: Date | undefined }
  /** A credential plugin started (name and since) or ended (neither). */
  | { type: 'waiting-plugin'; name?: string | undefined; since?: Date | undefined }
  | { type: 'row-finding'; sig: string; text?: string | undefined }
  /** Marks or unmarks one row (by key); `clear` unmarks every row. */
  | { type: 'mark'; key: string }
  | { type: 'marks-clear' }
  /** Opens a screen on top of the stack. */
  | { type: 'push'; screen: NewScreen }
  /** Closes the top screen (the bottom one stays). */
  | { type: 'pop' }
  /** Replaces the whole stack with one base screen. */
  | { type: 'base'; screen: NewScreen }
  /** Replaces the state of the screen `key`, wherever it is on the stack (ignored once it has closed). */
  | { type: 'update'; key: number; screen: NewScreen };

/** The state before anything is known. */
export function initialState(sort: SortKey = 'name'): UiState {
  return { stack: [{ id: 'table', key: 0, state: {} }], nextKey: 1, table: initialTable(sort), marks: new Set() };
}

/** The screen that has the keys. */
export function topScreen(s: UiState): ScreenEntry {
  return s.stack[s.stack.length - 1]!;
}

/** The screen under the top one (undefined at the bottom). */
export function screenBelow(s: UiState): ScreenEntry | undefined {
  return s.stack[s.stack.length - 2];
}

function keyed(s: UiState, screen: NewScreen): ScreenEntry {
  return { ...screen, key: s.nextKey } as ScreenEntry;
}

/** The reducer: pure, no I/O, no clock (times arrive in actions). */
export function reduce(s: UiState, a: Action): UiState {
  switch (a.type) {
    case 'target':
      return {
        ...s,
        target: a.target,
        contextOkAt: s.target?.context === a.target.context ? s.contextOkAt : undefined,
        table: reduceTable(s.table, { type: 'table-reset', loading: true }),
        marks: new Set(),
        waitingServer: undefined,
        waitingPlugin: undefined,
        rowFinding: undefined,
      };
    case 'waiting-server':
      return s.waitingServer === a.since ? s : { ...s, waitingServer: a.since };
    case 'waiting-plugin':
      return a.name !== undefined && a.since !== undefined
        ? { ...s, waitingPlugin: { name: a.name, since: a.since } }
        : s.waitingPlugin === undefined
          ? s
          : { ...s, waitingPlugin: undefined };
    case 'activity':
      return s.activity === a.activity ? s : { ...s, activity: a.activity };
    case 'row-finding':
      return { ...s, rowFinding: { sig: a.sig, text: a.text } };
    case 'context-ok':
      return { ...s, contextOkAt: a.at };
    case 'identity':
      return { ...s, identity: a.text ?? s.identity, expiry: a.expiry ?? s.expiry };
    case 'message':
      return s.message === a.text ? s : { ...s, message: a.text };
    case 'mark': {
      const marks = new Set(s.marks);
      if (!marks.delete(a.key)) marks.add(a.key);
      return { ...s, marks };
    }
    case 'marks-clear':
      return s.marks.size === 0 ? s : { ...s, marks: new Set() };
    case 'push':
      return { ...s, stack: [...s.stack, keyed(s, a.screen)], nextKey: s.nextKey + 1 };
    case 'pop':
      return s.stack.length <= 1 ? s : { ...s, stack: s.stack.slice(0, -1) };
    case 'base':
      return { ...s, stack: [keyed(s, a.screen)], nextKey: s.nextKey + 1 };
    case 'update': {
      const i = s.stack.findIndex((e) => e.key === a.key && e.id === a.screen.id);
      if (i < 0) return s;
      const stack = [...s.stack];
      stack[i] = { ...a.screen, key: a.key } as ScreenEntry;
      return { ...s, stack };
    }
    default: {
      const table = reduceTable(s.table, a);
      return table === s.table ? s : { ...s, table };
    }
  }
}
