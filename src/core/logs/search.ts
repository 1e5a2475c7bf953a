/**
 * Search in a log view: a query matched case-insensitively unless it has a capital letter (as
 * less and vim's smartcase do), the match ranges of one line (for highlighting), and the next or
 * previous line with a match, wrapping around the buffer.
 */
import type { LineBuffer } from './buffer.js';

export interface SearchQuery {
  text: string;
  caseSensitive: boolean;
}

/** A query from what the user typed (smart case). */
export function searchQuery(text: string): SearchQuery {
  return { text, caseSensitive: text !== text.toLowerCase() };
}

/** [start, end) ranges of every match of `q` in `line` (non-overlapping, left to right). */
export function matchRanges(line: string, q: SearchQuery): Array<[number, number]> {
  if (q.text === '') return [];
  const hay = q.caseSensitive ? line : line.toLowerCase();
  const needle = q.caseSensitive ? q.text : q.text.toLowerCase();
  const out: Array<[number, number]> = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) out.push([i, i + needle.length]);
  return out;
}

function matches(line: string, q: SearchQuery): boolean {
  return q.text !== '' && (q.caseSensitive ? line : line.toLowerCase()).includes(q.caseSensitive ? q.text : q.text.toLowerCase());
}

/**
 * The sequence number of the next line after `from` (direction 1) or before it (-1) whose text
 * matches, wrapping around; undefined when no line matches. `textOf` gives the searched text of a line.
 */
export function findMatch(
  buffer: LineBuffer,
  from: number,
  direction: 1 | -1,
  q: SearchQuery,
  textOf: (seq: number) => string,
): number | undefined {
  const n = buffer.length;
  if (n === 0 || q.text === '') return undefined;
  const start = Math.min(Math.max(from, buffer.first - 1), buffer.end);
  for (let i = 1; i <= n; i++) {
    let seq = start + direction * i;
    seq = buffer.first + ((((seq - buffer.first) % n) + n) % n);
    if (matches(textOf(seq), q)) return seq;
  }
  return undefined;
}

/** Number of lines that match (for "3 of 41"), and the position of `at` among them (1-based, 0 when `at` does not match). */
export function matchCount(
  buffer: LineBuffer,
  q: SearchQuery,
  textOf: (seq: number) => string,
  at?: number,
): { total: number; index: number } {
  let total = 0;
  let index = 0;
  if (q.text === '') return { total, index };
  for (let seq = buffer.first; seq < buffer.end; seq++) {
    if (!matches(textOf(seq), q)) continue;
    total++;
    if (seq === at) index = total;
  }
  return { total, index };
}

/**
 * `matchCount` kept up to date as lines arrive: only new lines are searched (the status line
 * asks every frame while a search is on; searching the whole buffer each frame would cost a
 * frame's time at 10,000 lines). A different query or display (`key`) starts over.
 */
export class MatchCounter {
  private key: string | undefined;
  private scanned = 0;
  private seqs: number[] = [];
  private head = 0;

  count(buffer: LineBuffer, q: SearchQuery, key: string, textOf: (seq: number) => string, at?: number): { total: number; index: number } {
    const k = `${q.text}\u0000${key}`;
    if (k !== this.key || this.scanned < buffer.first || this.scanned > buffer.end) {
      this.key = k;
      this.scanned = buffer.first;
      this.seqs = [];
      this.head = 0;
    }
    for (let seq = Math.max(this.scanned, buffer.first); seq < buffer.end; seq++) if (matches(textOf(seq), q)) this.seqs.push(seq);
    this.scanned = buffer.end;
    while (this.head < this.seqs.length && this.seqs[this.head]! < buffer.first) this.head++;
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
    const total = this.seqs.length - this.head;
    let index = 0;
    if (at !== undefined) {
      let lo = this.head;
      let hi = this.seqs.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.seqs[mid]! < at) lo = mid + 1;
        else hi = mid;
      }
      if (lo < this.seqs.length && this.seqs[lo] === at) index = lo - this.head + 1;
    }
    return { total, index };
  }
}
