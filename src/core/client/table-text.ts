/**
 * Reading a poll's Table(None) answer without parsing all of it: the rows array is cut at each
 * `{"cells":` (a raw quote cannot occur inside a JSON string, so each cut is between two rows), a
 * row whose text is the same as last time is last time's row, and only new or changed rows are
 * parsed. Anything not laid out as expected (rows not last, a piece that is not one whole row
 * object) gives undefined, and the caller parses the whole text as before.
 */
import { checkListShape } from './body-shape.js';
import { rowFromTableRow, tableColumns, type TableColumns } from './pod-rows.js';
import type { ListMemo } from './row-memo.js';
import { parseJsonObject } from './status.js';
import type { PodRow } from './types.js';

const ROWS = '"rows":[';
const ROW = '{"cells":';

/**
 * The Table's text without its rows (as JSON with an empty rows list) and each row's text; undefined
 * when not laid out so. The text may come as the pieces it arrived in (a poll's body is never made
 * one string: a long one would be a large object the heap maps in and frees on every poll); a row
 * cut between two pieces is joined, and only a row and a piece at a time are ever put together.
 */
export function splitTable(text: string | readonly string[]): { head: string; rows: string[] } | undefined {
  const pieces = typeof text === 'string' ? [text] : text;
  // The head (the columns, the metadata: a few KB) up to and with `"rows":[`.
  let seen = '';
  let start = -1;
  let k = 0;
  while (start < 0 && k < pieces.length) {
    const from = Math.max(0, seen.length - ROWS.length + 1);
    seen += pieces[k++];
    start = seen.indexOf(ROWS, from);
  }
  if (start < 0) return undefined;
  const head = `${seen.slice(0, start)}"rows":[]}`;
  const rows: string[] = [];
  // `buf` holds the row being cut (from `at`) and what follows it; a piece is added when no cut is left.
  let buf = seen.slice(start + ROWS.length);
  let at = 0;
  for (;;) {
    const next = buf.indexOf(`,${ROW}`, at + 1);
    if (next >= 0) {
      rows.push(buf.slice(at, next));
      at = next + 1;
    } else if (k < pieces.length) {
      buf = buf.slice(at) + pieces[k++];
      at = 0;
    } else break;
  }
  // The last row, then `]` and `}`: the rows are the body's last member.
  const tail = buf.slice(at);
  const close = tail.lastIndexOf(']');
  if (close < 0 || !/^\}\s*$/.test(tail.slice(close + 1))) return undefined;
  if (close === 0 && rows.length === 0) return { head, rows };
  rows.push(tail.slice(0, close));
  if (!rows[0]!.startsWith(ROW)) return undefined;
  return { head, rows };
}

/** Rows read between two pauses (see tableFromText). */
export const ROWS_BETWEEN_PAUSES = 1000;

/**
 * A Table(None) answer read through the memo: the body without rows, its columns and its rows;
 * undefined: parse it whole. `pause`, when given, is awaited before every ROWS_BETWEEN_PAUSES rows.
 */
export async function tableFromText(
  text: string | readonly string[],
  fallbackNamespace: string,
  memo: ListMemo,
  pause?: () => Promise<void>,
): Promise<{ body: Record<string, unknown>; columns: TableColumns; rows: PodRow[] } | undefined> {
  // A first answer is parsed whole (one parse is quicker than one per row); see rememberTexts.
  if (memo.texts.empty) return undefined;
  const split = splitTable(text);
  if (!split) return undefined;
  const body = parseJsonObject(split.head);
  if (!body || body['kind'] !== 'Table' || checkListShape(body)) return undefined;
  const columns = tableColumns(body['columnDefinitions']);
  if (!columns || !columns.has('name')) return undefined;
  if (memo.rows.columns(columns)) memo.texts.commit(false);
  const rows: PodRow[] = [];
  for (const t of split.rows) {
    // Before the first slice too: answers that arrive together are read one slice at a time.
    if (pause !== undefined && rows.length % ROWS_BETWEEN_PAUSES === 0) await pause();
    let row = memo.texts.find(t);
    if (row === undefined) {
      const parsed = parseJsonObject(t);
      if (!parsed || !Array.isArray(parsed['cells']) || ('object' in parsed && parsed['object'] !== null)) return undefined;
      row = rowFromTableRow(parsed, columns, fallbackNamespace);
      if (row === undefined) return undefined;
      // A changed row: its text is copied (the rest of this answer can go once it is read).
      memo.texts.keep(t, row, true);
    }
    rows.push(row);
  }
  return { body, columns, rows };
}

/**
 * After an answer was parsed whole: remembers each row's text with its row, when the text cuts into
 * exactly as many rows as were decoded (one cut per row object); false when it does not.
 */
export function rememberTexts(text: string | readonly string[], rows: readonly PodRow[], memo: ListMemo): boolean {
  const split = splitTable(text);
  if (!split || split.rows.length !== rows.length) return false;
  for (let i = 0; i < rows.length; i++) memo.texts.keep(split.rows[i]!, rows[i]!);
  return true;
}
