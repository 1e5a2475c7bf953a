/**
 * Remembers the rows of a list that is asked again and again (a poll), so an answer that did not
 * change yields the very same objects as the last one: the same body text is not parsed again,
 * and a Table row whose cells are the same as last time is not decoded again. Callers downstream
 * (the browser's table) then see what changed by object identity. Only rows that carry no object
 * (Table with includeObject=None: the row is its cells, its namespace the list's) are remembered;
 * a hit needs every cell equal.
 */
import type { PodRow } from './types.js';

interface Kept {
  name: string;
  cells: readonly unknown[];
  row: PodRow;
}

/**
 * Rows of one list's last answer in order, with the cells they were decoded from. An answer
 * mostly lists the same pods in the same order: a row is first compared with the one at its place
 * last time, and only looked up by name when that is another pod.
 */
export class RowMemo {
  private last: Kept[] = [];
  private lastByName: Map<string, Kept> | undefined;
  private next: Kept[] = [];
  private columnsKey = '';

  /** Starts an answer: rows kept from here on replace the last answer's when it is committed. */
  begin(): void {
    this.next = [];
  }

  /** Notes the columns of a page; other columns than last time forget every row (true then). */
  columns(columns: ReadonlyMap<string, number>): boolean {
    const key = [...columns].map(([name, i]) => `${i}:${name}`).join('\u0000');
    if (key === this.columnsKey) return false;
    this.columnsKey = key;
    this.last = [];
    this.lastByName = undefined;
    this.next = [];
    return true;
  }

  /** The row decoded last time from exactly these cells for the pod `name`, if any. */
  find(name: string, cells: readonly unknown[]): PodRow | undefined {
    let k = this.last[this.next.length];
    if (k === undefined || k.name !== name) {
      if (this.lastByName === undefined) this.lastByName = new Map(this.last.map((e) => [e.name, e]));
      k = this.lastByName.get(name);
    }
    if (k === undefined || !sameCells(k.cells, cells)) return undefined;
    this.next.push(k);
    return k.row;
  }

  /** Remembers a row decoded from `cells` for the next answer. */
  keep(name: string, cells: readonly unknown[], row: PodRow): void {
    this.next.push({ name, cells, row });
  }

  /** The answer is complete: its rows are the ones to compare the next answer with. */
  commit(): void {
    this.last = this.next;
    this.lastByName = undefined;
    this.next = [];
  }
}

function sameCells(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Row texts of the last answer in order with their rows: looked up at the same place first, else by text. */
export class TextMemo {
  private last: Array<{ text: string; row: PodRow }> = [];
  private byText: Map<string, { text: string; row: PodRow }> | undefined;
  private next: Array<{ text: string; row: PodRow }> = [];

  begin(): void {
    this.next = [];
  }

  /** No row text of a last answer is known. */
  get empty(): boolean {
    return this.last.length === 0;
  }

  find(text: string): PodRow | undefined {
    // A hit keeps the entry it found, with its text: `text` is cut from the new answer and would
    // keep all of that answer alive until the next one (10 MB at 50,000 pods, every poll).
    let k = this.last[this.next.length];
    if (k === undefined || k.text !== text) {
      // Another text for the pod at this place (its first cell, the name, is the same): a changed row.
      const cut = text.indexOf('",');
      if (k !== undefined && cut > 0 && k.text.startsWith(text.slice(0, cut + 2))) return undefined;
      this.byText ??= new Map(this.last.map((e) => [e.text, e]));
      k = this.byText.get(text);
    }
    if (k !== undefined) this.next.push(k);
    return k?.row;
  }

  /** Remembers a row decoded from `text`; `copy`: keep a copy of the text, not a part of the answer it was cut from. */
  keep(text: string, row: PodRow, copy = false): void {
    this.next.push({ text: copy ? Buffer.from(text, 'utf8').toString('utf8') : text, row });
  }

  /** The answer is complete; `kept` false (it was parsed whole) forgets every row text. */
  commit(kept: boolean): void {
    this.last = kept ? this.next : [];
    this.byText = undefined;
    this.next = [];
  }
}

/** The memo of one list (a path and its query): its last one-answer body and its rows. */
export interface ListMemo {
  /** The last body of a list read in one answer (as the pieces it arrived in), and what it gave (the same text gives the same rows). */
  body?: { pieces: readonly string[]; rows: readonly PodRow[]; resourceVersion: string | undefined };
  rows: RowMemo;
  /** Row texts of the last answer (see table-text.ts). */
  texts: TextMemo;
}

/** The most lists remembered per client (namespaces of an all-namespace poll, selectors typed). */
const MAX_LISTS = 256;

const memos = new WeakMap<object, Map<string, ListMemo>>();

/** The memo of the list `key` made through `owner` (a client session). */
export function listMemo(owner: object, key: string): ListMemo {
  let byKey = memos.get(owner);
  if (byKey === undefined) memos.set(owner, (byKey = new Map()));
  let m = byKey.get(key);
  if (m === undefined) {
    if (byKey.size >= MAX_LISTS) byKey.clear();
    m = { rows: new RowMemo(), texts: new TextMemo() };
    byKey.set(key, m);
  }
  return m;
}
