/**
 * The log view's model, pure: where the view is (following the end, or held at a line while
 * new lines are counted), the toggles (timestamps, wrap, colour), search, and the rows that fit
 * a screen of a given size. Lines are addressed by the buffer's sequence numbers, so holding a
 * position survives new lines and old ones being dropped.
 */
import type { LineBuffer, LogLine } from './buffer.js';
import { displayText, segmentsText, sgrSegments, type Segment } from './display.js';
import { findMatch, matchRanges, searchQuery, type SearchQuery } from './search.js';

export interface LogViewState {
  /** Stick to the end as lines arrive. */
  follow: boolean;
  /** First line shown when not following. */
  top: number;
  /** buffer.end when the view was last at the end (lines after it are "new"). */
  seenEnd: number;
  timestamps: boolean;
  wrap: boolean;
  /** Render SGR colours (off: escape sequences shown as text). */
  colour: boolean;
  /** Horizontal scroll when not wrapping (columns). */
  left: number;
  search?: { text: string; at?: number | undefined } | undefined;
}

export function initialLogView(opts: Partial<Pick<LogViewState, 'timestamps' | 'wrap' | 'colour'>> = {}): LogViewState {
  return { follow: true, top: 0, seenEnd: 0, timestamps: false, wrap: false, colour: false, left: 0, ...opts };
}

/** One screen row. */
export interface LogRow {
  seq: number;
  /** The row's safe text (a slice of the line when wrapped or scrolled sideways). */
  text: string;
  /** Coloured runs (only with colour on); their texts join to `text`. */
  segments?: Segment[];
  /** [start, end) search highlights within `text`. */
  highlights: Array<[number, number]>;
  /** A wrapped continuation of the line above. */
  continued: boolean;
  /** A line kpods wrote (stream ended …). */
  notice: boolean;
  /** The line is the current search match. */
  current: boolean;
}

const TS_WIDTH = 31;

/** A line as shown: its safe text, and with colour on its coloured runs (parsed once). */
function shown(line: LogLine, s: Pick<LogViewState, 'timestamps' | 'colour'>): { text: string; segs?: Segment[] } {
  const stamp = s.timestamps && line.ts ? `${line.ts.padEnd(TS_WIDTH - 1)} ` : '';
  if (line.notice) return { text: `${stamp}── ${line.text} ──` };
  if (!s.colour) return { text: stamp + displayText(line.text) };
  const segs = sgrSegments(line.text);
  return { text: stamp + segmentsText(segs), segs: stamp ? [{ text: stamp, style: {} }, ...segs] : segs };
}

/** The text a line is shown (and searched) as: safe, with colours rendered or their escapes shown. */
export function shownText(line: LogLine, s: Pick<LogViewState, 'timestamps' | 'colour'>): string {
  return shown(line, s).text;
}

function rowsOfLine(text: string, width: number, wrap: boolean): number {
  return wrap ? Math.max(1, Math.ceil([...text].length / Math.max(1, width))) : 1;
}

/** The first line shown: `top`, or when following, the line that lets the end fill the screen. */
export function firstShown(s: LogViewState, buf: LineBuffer, height: number, width: number): number {
  if (!s.follow) return Math.min(Math.max(s.top, buf.first), Math.max(buf.first, buf.end - 1));
  if (!s.wrap) return Math.max(buf.first, buf.end - height);
  let rows = 0;
  let seq = buf.end;
  while (seq > buf.first) {
    const n = rowsOfLine(shownText(buf.get(seq - 1)!, s), width, true);
    if (rows + n > height) break;
    rows += n;
    seq--;
  }
  return seq === buf.end && buf.end > buf.first ? buf.end - 1 : seq;
}

function sliceSegments(segs: Segment[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  for (const s of segs) {
    const chars = [...s.text];
    const a = Math.max(from, pos);
    const b = Math.min(to, pos + chars.length);
    if (a < b) out.push({ text: chars.slice(a - pos, b - pos).join(''), style: s.style });
    pos += chars.length;
  }
  return out;
}

/** The rows that fill `height` × `width` (never more than `height`). */
export function visibleRows(s: LogViewState, buf: LineBuffer, height: number, width: number): LogRow[] {
  const rows: LogRow[] = [];
  const q: SearchQuery | undefined = s.search?.text ? searchQuery(s.search.text) : undefined;
  const w = Math.max(1, width);
  for (let seq = firstShown(s, buf, height, w); seq < buf.end && rows.length < height; seq++) {
    const line = buf.get(seq)!;
    const { text, segs: full } = shown(line, s);
    const chars = [...text];
    const marks = q ? matchRanges(text, q) : [];
    const pieces = s.wrap ? Math.max(1, Math.ceil(chars.length / w)) : 1;
    for (let p = 0; p < pieces && rows.length < height; p++) {
      const from = s.wrap ? p * w : s.left;
      const to = from + w;
      const row: LogRow = {
        seq,
        text: chars.slice(from, to).join(''),
        highlights: marks.filter(([a, b]) => b > from && a < to).map(([a, b]) => [Math.max(a, from) - from, Math.min(b, to) - from]),
        continued: p > 0,
        notice: !!line.notice,
        current: s.search?.at === seq,
      };
      if (full) row.segments = sliceSegments(full, from, to);
      rows.push(row);
    }
  }
  return rows;
}

/** Lines that arrived below the view while it was held (the counter). */
export function unseenCount(s: LogViewState, buf: LineBuffer): number {
  return s.follow ? 0 : Math.max(0, buf.end - Math.max(s.seenEnd, buf.first));
}

/** Moves by `delta` lines (negative: up). Moving up leaves follow; reaching the end does not re-enter it (G does). */
export function scrollBy(s: LogViewState, buf: LineBuffer, delta: number, height: number, width: number): LogViewState {
  const from = firstShown(s, buf, height, width);
  const lastTop = Math.max(buf.first, buf.end - height);
  const top = Math.max(buf.first, Math.min(lastTop, from + delta));
  if (s.follow && delta >= 0) return s;
  return { ...s, follow: false, top, seenEnd: s.follow ? buf.end : s.seenEnd };
}

/** `g`: the first line kept. */
export function toStart(s: LogViewState, buf: LineBuffer): LogViewState {
  return { ...s, follow: false, top: buf.first, seenEnd: s.follow ? buf.end : s.seenEnd };
}

/** `G`: the end, following again. */
export function toEnd(s: LogViewState, buf: LineBuffer): LogViewState {
  return { ...s, follow: true, seenEnd: buf.end };
}

/** `f`: follow on (to the end) or off (held where it is). */
export function toggleFollow(s: LogViewState, buf: LineBuffer, height: number, width: number): LogViewState {
  if (s.follow) return { ...s, follow: false, top: firstShown(s, buf, height, width), seenEnd: buf.end };
  return toEnd(s, buf);
}

/** Sets the search text and jumps to the nearest match at or above the end of the view. */
export function search(s: LogViewState, buf: LineBuffer, text: string, height: number, width: number): LogViewState {
  if (text === '') return { ...s, search: undefined };
  const from = s.follow ? buf.end : firstShown(s, buf, height, width) + height;
  const at = findMatch(buf, from, -1, searchQuery(text), (seq) => shownText(buf.get(seq)!, s));
  const next = { ...s, search: { text, at } };
  return at === undefined ? next : reveal(next, buf, at, height);
}

/** `n` / `N`: the next (1) or previous (-1) match, wrapping. */
export function nextMatch(s: LogViewState, buf: LineBuffer, dir: 1 | -1, height: number, width: number): LogViewState {
  if (!s.search?.text) return s;
  const from = s.search.at ?? (s.follow ? buf.end : firstShown(s, buf, height, width));
  const at = findMatch(buf, from, dir, searchQuery(s.search.text), (seq) => shownText(buf.get(seq)!, s));
  if (at === undefined) return { ...s, search: { text: s.search.text, at: undefined } };
  return reveal({ ...s, search: { text: s.search.text, at } }, buf, at, height);
}

/** Holds the view so that line `seq` is shown (a third from the top). */
function reveal(s: LogViewState, buf: LineBuffer, seq: number, height: number): LogViewState {
  const top = Math.max(buf.first, Math.min(seq - Math.floor(height / 3), Math.max(buf.first, buf.end - height)));
  return { ...s, follow: false, top, seenEnd: s.follow ? buf.end : s.seenEnd };
}
