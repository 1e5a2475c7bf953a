/**
 * One open log in the UI: the feed (src/core/logs), the bounded buffer its lines go to, and the
 * feed's status. Lines land in the buffer as they arrive; the screen is told at most once per
 * frame (`frameMs`), never per line, so a container writing thousands of lines a second costs
 * one repaint a frame. `stop()` closes the stream.
 */
import type { Failure } from '../core/failure.js';
import { LineBuffer, LogFeed, type LogFeedDeps, type LogFeedStatus, type LogFeedTarget } from '../core/logs/index.js';

export interface LogSessionOptions {
  /** Lines kept (--log-buffer). */
  bufferLines: number;
  /** Called at most once per frame after lines or the status changed. */
  onChange(): void;
  /** The shortest time between two onChange calls (default 100 ms: 10 frames a second, as the pod table's feed). */
  frameMs?: number;
  /** Adds to a final failure what takes more requests to find (e.g. where logs may be read after a 403). */
  explain?(f: Failure, signal: AbortSignal): Promise<Failure>;
}

export class LogSession {
  readonly buffer: LineBuffer;
  status: LogFeedStatus = { state: 'connecting', resuming: false };
  private readonly feed: LogFeed;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(
    deps: LogFeedDeps,
    readonly target: LogFeedTarget,
    private readonly opts: LogSessionOptions,
  ) {
    this.buffer = new LineBuffer(opts.bufferLines);
    this.feed = new LogFeed(deps, target);
  }

  /** Starts reading. */
  start(): void {
    void this.feed.start({
      buffer: this.buffer,
      added: () => this.changed(),
      status: (s) => {
        this.status = s;
        this.changed();
        if (s.state === 'failed' && s.retryInMs === undefined && this.opts.explain) void this.explain(s, this.opts.explain);
      },
    });
  }

  /** Closes the stream; no more onChange calls. */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.feed.stop();
  }

  private async explain(s: Extract<LogFeedStatus, { state: 'failed' }>, explain: NonNullable<LogSessionOptions['explain']>) {
    const failure = await explain(s.failure, this.abort.signal).catch(() => s.failure);
    if (this.status !== s || failure === s.failure) return;
    this.status = { ...s, failure };
    this.changed();
  }

  private changed(): void {
    if (this.stopped || this.timer) return;
    const frame = this.opts.frameMs ?? 100;
    const wait = Math.max(0, this.lastFlush + frame - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastFlush = performance.now();
      if (!this.stopped) this.opts.onChange();
    }, wait);
  }
}
