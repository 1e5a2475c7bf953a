/**
 * Bytes to lines: split on the newline byte (which never occurs inside a multi-byte UTF-8
 * character, so a character split between two chunks stays whole), a trailing "\r" removed.
 * Lines are handed on as byte ranges (the log buffer keeps bytes); `push` and `end` decode
 * them (invalid bytes become U+FFFD) for callers that want strings.
 */

/** Receives one line: `bytes[from, to)`, valid only during the call. */
export type LineSink = (bytes: Uint8Array, from: number, to: number) => void;

const decoder = new TextDecoder('utf-8', { fatal: false });
/** A line longer than this without a newline is handed on in pieces (memory stays bounded). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Turns a byte stream into complete lines; the unfinished last line is kept until more arrives. */
export class LineSplitter {
  private carry = new Uint8Array(256);
  private carried = 0;

  /** Calls `sink` for each complete line in `chunk` (with whatever was left over before it). */
  each(chunk: Uint8Array, sink: LineSink): void {
    let i = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, i)) {
      if (this.carried > 0) {
        this.keep(chunk, i, nl);
        emit(this.carry, 0, this.carried, sink);
        this.carried = 0;
      } else emit(chunk, i, nl, sink);
      i = nl + 1;
    }
    if (i < chunk.length) this.keep(chunk, i, chunk.length);
    if (this.carried >= MAX_LINE_BYTES) {
      emit(this.carry, 0, this.carried, sink);
      this.carried = 0;
    }
  }

  /** The complete lines in `chunk`, decoded. */
  push(chunk: Uint8Array): string[] {
    const out: string[] = [];
    this.each(chunk, (b, from, to) => out.push(decoder.decode(b.subarray(from, to))));
    return out;
  }

  /** True when an unfinished line (or an unfinished character) is pending. */
  get pending(): boolean {
    return this.carried > 0;
  }

  /**
   * Ends the stream. A clean end (`complete`) hands on the unfinished last line (a program's
   * last output need not end in a newline); a cut stream drops it, since it will be read again
   * whole when the stream resumes.
   */
  endEach(complete: boolean, sink: LineSink): void {
    const n = this.carried;
    this.carried = 0;
    if (complete && n > 0) emit(this.carry, 0, n, sink);
  }

  /** `endEach`, decoded. */
  end(complete: boolean): string[] {
    const out: string[] = [];
    this.endEach(complete, (b, from, to) => out.push(decoder.decode(b.subarray(from, to))));
    return out;
  }

  private keep(chunk: Uint8Array, from: number, to: number): void {
    const need = this.carried + to - from;
    if (need > this.carry.length) {
      const bigger = new Uint8Array(Math.max(need, this.carry.length * 2));
      bigger.set(this.carry.subarray(0, this.carried));
      this.carry = bigger;
    }
    this.carry.set(chunk.subarray(from, to), this.carried);
    this.carried = need;
  }
}

function emit(bytes: Uint8Array, from: number, to: number, sink: LineSink): void {
  sink(bytes, from, to > from && bytes[to - 1] === 13 ? to - 1 : to);
}
