/**
 * Resuming a log without losing or doubling lines. The API server's `sinceTime` has whole-second
 * precision and is inclusive, so a resumed stream starts again at the beginning of the second of
 * the last line seen. The seam filter drops what was already shown: lines older than the last
 * timestamp seen, and as many lines with exactly that timestamp as were seen.
 */
import { compareTimes, sinceTimeOf, type LogTime } from './timestamps.js';

/** Where a log was read up to. */
export class ResumePoint {
  private last: LogTime | undefined;
  private atLast = 0;

  /** Records a line that was shown. */
  seen(time: LogTime | undefined): void {
    if (!time) return;
    const c = this.last ? compareTimes(time, this.last) : 1;
    if (c > 0) {
      this.last = time;
      this.atLast = 1;
    } else if (c === 0) this.atLast++;
  }

  /** True once a timestamped line was seen. */
  get started(): boolean {
    return this.last !== undefined;
  }

  /** The `sinceTime` to resume from (undefined before any line). */
  sinceTime(): string | undefined {
    return this.last ? sinceTimeOf(this.last) : undefined;
  }

  /** A filter for the next stream: `accept(time)` is false for lines already shown. */
  seam(): { accept(time: LogTime | undefined): boolean } {
    const last = this.last;
    let skip = this.atLast;
    let done = last === undefined;
    return {
      accept(time) {
        if (done || !time) return true;
        const c = compareTimes(time, last!);
        if (c < 0) return false;
        if (c === 0 && skip > 0) {
          skip--;
          return false;
        }
        done = true;
        return true;
      },
    };
  }
}
