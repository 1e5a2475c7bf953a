/**
 * Resuming a log without losing or doubling lines. The API server's `sinceTime` has whole-second
 * precision and is inclusive, so a resumed stream starts again at the beginning of the second of
 * the last line seen. The seam filter drops what was already shown: lines older than the last
 * timestamp seen, and as many lines with exactly that timestamp as were seen.
 */
import { sinceTimeOf, type LogTime } from './timestamps.js';

const cmp = (aS: number, aN: number, bS: number, bN: number) => (aS !== bS ? aS - bS : aN - bN);

/** Where a log was read up to (kept as numbers: it is updated for every line). */
export class ResumePoint {
  private lastS = 0;
  private lastN = 0;
  private any = false;
  private atLast = 0;

  /** Records a line that was shown. */
  seen(time: LogTime | undefined): void {
    if (!time) return;
    const c = this.any ? cmp(time.seconds, time.nanos, this.lastS, this.lastN) : 1;
    if (c > 0) {
      this.lastS = time.seconds;
      this.lastN = time.nanos;
      this.any = true;
      this.atLast = 1;
    } else if (c === 0) this.atLast++;
  }

  /** True once a timestamped line was seen. */
  get started(): boolean {
    return this.any;
  }

  /** The `sinceTime` to resume from (undefined before any line). */
  sinceTime(): string | undefined {
    return this.any ? sinceTimeOf({ seconds: this.lastS, nanos: this.lastN }) : undefined;
  }

  /** A filter for the next stream: `accept(time)` is false for lines already shown. */
  seam(): { accept(time: LogTime | undefined): boolean } {
    const s = this.lastS;
    const n = this.lastN;
    let skip = this.atLast;
    let done = !this.any;
    return {
      accept(time) {
        if (done || !time) return true;
        const c = cmp(time.seconds, time.nanos, s, n);
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
