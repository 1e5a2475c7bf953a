/**
 * The first rows, drawn with plain terminal escapes while Ink (a slow import) is still loading:
 * the header, the column titles and the rows that fit, laid out as the table draws them. Ink's
 * first frame replaces it (run.tsx). Only the table screen is drawn early; anything else waits.
 */
import type { PodRow } from '../core/client/types.js';
import { neutralize } from '../core/terminal-text.js';
import { cell, COLUMN_GAP, fit, fitMiddle, layoutColumns, measureColumns } from './columns.js';
import { firstFrameLines } from './first-frame.js';
import { secondLine } from './header-text.js';
import { topScreen, type UiState } from './state.js';
import type { Store } from './store.js';
import { SELECTED_OFF, SELECTED_ON, statusColor } from './theme.js';

const BOLD = '\u001b[1m';
const PLAIN = '\u001b[22m';
const HOME = '\u001b[H';
const ERASE_LINE = '\u001b[K';
const ERASE_BELOW = '\u001b[J';
const SGR: Record<string, string> = { green: '32', yellow: '33', red: '31', gray: '90' };

export interface EarlyFrameOptions {
  columns: number;
  rows: number;
  now: Date;
  color: boolean;
}

/** One table row as the table draws it (the selected row in reverse video, STATUS coloured). */
function rowLine(r: PodRow, cols: ReturnType<typeof layoutColumns>, o: EarlyFrameOptions, selected: boolean): string {
  let line = selected ? SELECTED_ON : '';
  cols.forEach((c, i) => {
    const text = (c.id === 'name' ? fitMiddle : fit)(cell(r, c.id, o.now), c.width) + (i < cols.length - 1 ? COLUMN_GAP : '');
    const color = c.id === 'status' ? statusColor(r.status, o.color) : undefined;
    const code = color === undefined ? undefined : SGR[color];
    line += code === undefined ? text : `\u001b[${code}m${text}\u001b[39m`;
  });
  return line + (selected ? SELECTED_OFF : '');
}

/**
 * The lines of the early frame for `s`, or undefined when there is nothing worth drawing early
 * (no rows yet, or another screen is on top). The same lines as the App's: the two header lines,
 * the column titles, then the rows in the window the table will have (the screen less the
 * header, the titles, the status line and the footer).
 */
export function earlyFrameLines(s: UiState, o: EarlyFrameOptions): string[] | undefined {
  const t = s.table;
  const target = s.target;
  if (topScreen(s).id !== 'table' || t.view.length === 0 || !target || target.unresolved) return undefined;
  const ns = target.namespace !== undefined ? neutralize(target.namespace) : 'all';
  const [first] = firstFrameLines({
    context: target.context,
    server: target.server,
    user: target.user,
    namespace: undefined,
    columns: o.columns,
  });
  const allNamespaces = target.namespace === undefined;
  const cols = layoutColumns(
    [],
    allNamespaces,
    o.columns,
    o.now,
    t.sort,
    undefined,
    t.reverse,
    measureColumns(t.sorted, o.now),
    t.wideFirst === true,
  );
  const titles = cols.map((c, i) => fit(c.title, c.width) + (i < cols.length - 1 ? COLUMN_GAP : '')).join('');
  const room = Math.max(1, o.rows - 6);
  const visible = t.view.slice(t.top, t.top + room);
  return [
    first ?? '',
    fit(secondLine(s, o.now, ns), o.columns).trimEnd(),
    BOLD + titles + PLAIN,
    ...visible.map((r, i) => rowLine(r, cols, o, t.top + i === t.cursor)),
  ];
}

/** Draws the early frame on `out` whenever the store changes, until `stop()` (Ink is about to mount). */
export function drawEarlyFrames(store: Store, out: NodeJS.WriteStream, opts: () => EarlyFrameOptions): { stop(): void } {
  let last = '';
  const draw = (): void => {
    const lines = earlyFrameLines(store.getState(), opts());
    if (!lines) return;
    // Over the frame before (no clearing, so no flash): each line erased to its end, then the rest of the screen.
    const text = `${HOME}${lines.join(`${ERASE_LINE}\r\n`)}${ERASE_LINE}${ERASE_BELOW}`;
    if (text === last) return;
    last = text;
    out.write(text);
  };
  const unsubscribe = store.subscribe(draw);
  return { stop: unsubscribe };
}

/** How long the start waits for the first rows before it loads Ink anyway (a slow server: Ink then says what kpods waits for). */
export const INK_AT_THE_LATEST_MS = 1000;

/**
 * Resolves when there is no more reason to hold Ink back: the first rows are on screen, the
 * first list failed, another screen is on top (a picker), or `ms` have passed.
 */
export function untilFirstRows(store: Store, ms: number): Promise<void> {
  const settled = (s: UiState): boolean => topScreen(s).id !== 'table' || s.table.hasData || s.table.failure !== undefined;
  if (settled(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const off = store.subscribe(() => {
      if (settled(store.getState())) done();
    });
  });
}
