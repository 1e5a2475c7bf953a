/**
 * The bounded line buffer of a log view: at most `capacity` lines, addressed by a sequence
 * number that keeps counting as old lines are dropped, so a position in the view stays valid
 * (or is known to be gone) however many lines arrive.
 *
 * Lines are kept as the server's UTF-8 bytes in one ring of bytes, with their offsets and
 * lengths in typed arrays, and decoded only when read (the rows on screen, a search, a save).
 * A line kept as a JavaScript string and object lives long enough (seconds) to be promoted to
 * V8's old generation, where it becomes garbage that only a full collection frees: at 5,000
 * lines a second that grew the heap by tens of MiB before V8 collected. Bytes in a ring are
 * reused in place instead, so a full buffer allocates nothing per line.
 */

/** One log line as read. */
export interface LogLine {
  /** The server's timestamp, as sent (undefined when it gave none). */
  ts?: string;
  /** The line without the timestamp; raw (not yet made safe for the terminal). */
  text: string;
  /** Set on lines kpods writes itself into the log (stream ended, resumed). */
  notice?: boolean;
}

/** The default number of lines kept. */
export const DEFAULT_LOG_BUFFER = 10_000;
/** The most bytes kept by default (older lines are dropped beyond it, however few lines that leaves). */
export const DEFAULT_LOG_BYTES = 64 * 1024 * 1024;

const NOTICE = 0x80;
const TS_MASK = 0x7f;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export class LineBuffer {
  private data: Uint8Array;
  private pos: Float64Array;
  private len: Int32Array;
  private meta: Uint8Array;
  private start = 0;
  private size = 0;
  /** Where the next line's bytes go. */
  private head = 0;
  /** The newest lines' bytes have wrapped to before the oldest line's. */
  private wrapped = false;
  /** Sequence number of the first line kept. */
  first = 0;
  /** Bumped on every change (for caches such as search counts). */
  version = 0;

  constructor(
    readonly capacity: number = DEFAULT_LOG_BUFFER,
    readonly maxBytes: number = DEFAULT_LOG_BYTES,
  ) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    if (!(maxBytes >= 1024)) throw new RangeError('maxBytes must be at least 1024');
    const slots = Math.min(capacity, 1024);
    this.pos = new Float64Array(slots);
    this.len = new Int32Array(slots);
    this.meta = new Uint8Array(slots);
    this.data = new Uint8Array(Math.min(maxBytes, 64 * 1024));
  }

  /** Number of lines kept. */
  get length(): number {
    return this.size;
  }
  /** Sequence number after the last line (first + length). */
  get end(): number {
    return this.first + this.size;
  }
  /** Lines dropped so far to stay within capacity. */
  get dropped(): number {
    return this.first;
  }
  /** Bytes reserved for line text (grows to what `capacity` lines need, at most maxBytes). */
  get reservedBytes(): number {
    return this.data.length;
  }

  /** Appends lines, dropping the oldest beyond capacity. */
  push(lines: readonly LogLine[]): void {
    for (const l of lines) {
      const bytes = encoder.encode(l.ts !== undefined ? `${l.ts} ${l.text}` : l.text);
      this.append(bytes, 0, bytes.length, l.ts !== undefined ? l.ts.length + 1 : 0, l.notice === true);
    }
  }

  /**
   * Appends one line from `bytes[from, to)` as the server sent it; its first `tsLen` bytes are
   * the timestamp and its space (0: none). The bytes are copied.
   */
  append(bytes: Uint8Array, from: number, to: number, tsLen: number, notice = false): void {
    let n = to - from;
    if (n > this.maxBytes) n = this.maxBytes;
    if (this.size === this.capacity) this.dropFirst();
    const at = this.place(n);
    this.data.set(n === to - from && from === 0 && to === bytes.length ? bytes : bytes.subarray(from, from + n), at);
    if (this.size === this.pos.length) this.growSlots();
    const i = (this.start + this.size) % this.pos.length;
    this.pos[i] = at;
    this.len[i] = n;
    this.meta[i] = Math.min(tsLen, TS_MASK) | (notice ? NOTICE : 0);
    this.size++;
    this.head = at + n;
    this.version++;
  }

  /** The line with sequence number `seq` (decoded now), or undefined when it is not (or no longer) kept. */
  get(seq: number): LogLine | undefined {
    if (seq < this.first || seq >= this.end) return undefined;
    const i = (this.start + seq - this.first) % this.pos.length;
    const p = this.pos[i]!;
    const all = decoder.decode(this.data.subarray(p, p + this.len[i]!));
    const m = this.meta[i]!;
    const ts = m & TS_MASK;
    if (m & NOTICE) return { text: all, notice: true };
    return ts > 0 ? { ts: all.slice(0, ts - 1), text: all.slice(ts) } : { text: all };
  }

  /** Lines [from, to) (clamped to what is kept). */
  slice(from: number, to: number): LogLine[] {
    const out: LogLine[] = [];
    for (let s = Math.max(from, this.first); s < Math.min(to, this.end); s++) out.push(this.get(s)!);
    return out;
  }

  /** Forgets every line (sequence numbers keep counting). */
  clear(): void {
    this.first = this.end;
    this.start = 0;
    this.size = 0;
    this.head = 0;
    this.wrapped = false;
    this.version++;
  }

  private dropFirst(): void {
    const tail = this.pos[this.start]!;
    this.start = (this.start + 1) % this.pos.length;
    this.size--;
    this.first++;
    if (this.size === 0) {
      this.start = 0;
      this.head = 0;
      this.wrapped = false;
    } else if (this.pos[this.start]! < tail) this.wrapped = false;
  }

  /** Where `n` bytes fit after the newest line (wrapping to the start), growing or dropping old lines. */
  private place(n: number): number {
    for (;;) {
      if (this.size === 0) {
        this.head = 0;
        this.wrapped = false;
        if (n <= this.data.length) return 0;
      } else {
        const tail = this.pos[this.start]!;
        if (!this.wrapped) {
          if (this.head + n <= this.data.length) return this.head;
          if (n <= tail) {
            this.wrapped = true;
            return 0;
          }
        } else if (this.head + n <= tail) return this.head;
      }
      if (this.data.length < this.maxBytes) this.growData(n);
      else this.dropFirst();
    }
  }

  /** Doubles the bytes (at least enough for `n` more), copying the lines in order to the start. */
  private growData(n: number): void {
    let used = 0;
    for (let k = 0; k < this.size; k++) used += this.len[(this.start + k) % this.pos.length]!;
    const size = Math.min(this.maxBytes, Math.max(this.data.length * 2, used + n));
    const bigger = new Uint8Array(size);
    let at = 0;
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.pos.length;
      const p = this.pos[i]!;
      bigger.set(this.data.subarray(p, p + this.len[i]!), at);
      this.pos[i] = at;
      at += this.len[i]!;
    }
    this.data = bigger;
    this.head = at;
    this.wrapped = false;
  }

  private growSlots(): void {
    const slots = Math.min(this.capacity, this.pos.length * 2);
    const pos = new Float64Array(slots);
    const len = new Int32Array(slots);
    const meta = new Uint8Array(slots);
    for (let k = 0; k < this.size; k++) {
      const i = (this.start + k) % this.pos.length;
      pos[k] = this.pos[i]!;
      len[k] = this.len[i]!;
      meta[k] = this.meta[i]!;
    }
    this.pos = pos;
    this.len = len;
    this.meta = meta;
    this.start = 0;
  }
}
