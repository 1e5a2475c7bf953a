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

/** The Table's text without its rows (as JSON with an empty rows list) and each row's text; undefined when not laid out so. */
export function splitTable(text: string): { head: string; rows: string[] } | undefined {
  const start = text.indexOf(ROWS);
  if (start < 0) return undefined;
  const open = start + ROWS.length;
  const close = text.lastIndexOf(']');
  if (close < open || !/^\}\s*$/.test(text.slice(close + 1))) return undefined;
  const head = `${text.slice(0, start)}"rows":[]}`;
  const rows: string[] = [];
  if (close === open) return { head, rows };
  if (!text.startsWith(ROW, open)) return undefined;
  for (let i = open; ;) {
    const next = text.indexOf(`,${ROW}`, i + 1);
    if (next < 0 || next > close) {
      rows.push(text.slice(i, close));
      return { head, rows };
    }
    rows.push(text.slice(i, next));
    i = next + 1;
  }
}

/** Rows read between two pauses (see tableFromText). */
export const ROWS_BETWEEN_PAUSES = 1000;

/**
 * A Table(None) answer read through the memo: the body without rows, its columns and its rows;
 * undefined: parse it whole. `pause`, when given, is awaited before every ROWS_BETWEEN_PAUSES rows.
 */
export async function tableFromText(
  text: string,
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
export function rememberTexts(text: string, rows: readonly PodRow[], memo: ListMemo): boolean {
  const split = splitTable(text);
  if (!split || split.rows.length !== rows.length) return false;
  for (let i = 0; i < rows.length; i++) memo.texts.keep(split.rows[i]!, rows[i]!);
  return true;
}
