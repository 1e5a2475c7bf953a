/**
 * The first frame, written with plain terminal escapes before Ink (a slow import) is loaded and
 * before any answer from the cluster: the header lines the App will draw, with "connecting…".
 * Ink's own first frame replaces it (run.tsx clears the screen when it mounts).
 */
import { neutralize } from '../core/terminal-text.js';

export const ENTER_ALT = '\u001b[?1049h';
export const LEAVE_ALT = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';
/** Cursor home, then erase the screen: where Ink's first frame starts. */
export const HOME_CLEAR = '\u001b[H\u001b[2J';
const BOLD = '\u001b[1m';
const PLAIN = '\u001b[22m';

interface FirstFrameInfo {
  context: string;
  server: string;
  user: string;
  /** undefined: all namespaces. */
  namespace: string | undefined;
  columns: number;
}

/** Cuts plain `text` to `width` characters (an ellipsis marks the cut). */
function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, Math.max(0, width)) : text.slice(0, width - 1) + '…';
}

/** The two header lines, as the App's header shows them before the first list. */
export function firstFrameLines(i: FirstFrameInfo): string[] {
  const ctx = neutralize(i.context) || '-';
  const parts: [string, boolean][] = [
    ['kpods', true],
    ['  ctx: ', false],
    [ctx, true],
    [`  server: ${neutralize(i.server) || '-'}  user: ${neutralize(i.user) || '-'}`, false],
  ];
  let room = Math.max(1, i.columns);
  let first = '';
  for (const [text, bold] of parts) {
    if (room <= 0) break;
    const shown = cut(text, room);
    room -= shown.length;
    first += bold ? BOLD + shown + PLAIN : shown;
  }
  const ns = i.namespace === undefined ? 'all' : neutralize(i.namespace);
  return [first, cut(`ns: ${ns}  │  connecting…`, Math.max(1, i.columns))];
}

/** The bytes of the first frame: the alternate screen, cursor hidden, the header lines. */
export function firstFrame(i: FirstFrameInfo): string {
  return ENTER_ALT + HIDE_CURSOR + HOME_CLEAR + firstFrameLines(i).join('\r\n');
}
