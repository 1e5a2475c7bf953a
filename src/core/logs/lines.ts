/**
 * Bytes to lines: UTF-8 decoded across chunk boundaries (a character split between two chunks
 * is kept whole; invalid bytes become U+FFFD), split on "\n" with a trailing "\r" removed.
 */

/** Turns a byte stream into complete lines; the unfinished last line is kept until more arrives. */
export class LineSplitter {
  private decoder = new TextDecoder('utf-8', { fatal: false });
  private partial = '';

  /** The complete lines in `chunk` (with whatever was left over before it). */
  push(chunk: Uint8Array): string[] {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.endsWith('\r')) parts[i] = p.slice(0, -1);
    }
    return parts;
  }

  /** True when an unfinished line (or an unfinished character) is pending. */
  get pending(): boolean {
    return this.partial !== '';
  }

  /**
   * Ends the stream. A clean end (`complete`) returns the unfinished last line as a line (a
   * program's last output need not end in a newline); a cut stream drops it, since it will be
   * read again whole when the stream resumes.
   */
  end(complete: boolean): string[] {
    const rest = this.partial + this.decoder.decode();
    this.partial = '';
    this.decoder = new TextDecoder('utf-8', { fatal: false });
    if (!complete || rest === '') return [];
    return [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  }
}
