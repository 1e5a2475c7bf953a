/**
 * The bounded line buffer of a log view: a ring of at most `capacity` lines, addressed by a
 * sequence number that keeps counting as old lines are dropped, so a position in the view
 * stays valid (or is known to be gone) however many lines arrive.
 */

/** One log line as kept. */
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

export class LineBuffer {
  private ring: Array<LogLine | undefined>;
  private start = 0;
  private size = 0;
  /** Sequence number of the first line kept. */
  first = 0;
  /** Bumped on every change (for caches such as search counts). */
  version = 0;

  constructor(readonly capacity: number = DEFAULT_LOG_BUFFER) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
    this.ring = new Array<LogLine | undefined>(Math.min(capacity, 1024));
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

  /** Appends lines, dropping the oldest beyond capacity. */
  push(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    for (const line of lines) {
      if (this.size === this.capacity) {
        this.ring[this.start] = line;
        this.start = (this.start + 1) % this.ring.length;
        this.first++;
        continue;
      }
      if (this.size === this.ring.length) this.grow();
      this.ring[(this.start + this.size) % this.ring.length] = line;
      this.size++;
    }
    this.version++;
  }

  /** The line with sequence number `seq`, or undefined when it is not (or no longer) kept. */
  get(seq: number): LogLine | undefined {
    if (seq < this.first || seq >= this.end) return undefined;
    return this.ring[(this.start + seq - this.first) % this.ring.length];
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
    this.ring.fill(undefined);
    this.version++;
  }

  private grow(): void {
    const bigger = new Array<LogLine | undefined>(Math.min(this.capacity, this.ring.length * 2));
    for (let i = 0; i < this.size; i++) bigger[i] = this.ring[(this.start + i) % this.ring.length];
    this.ring = bigger;
    this.start = 0;
  }
}
