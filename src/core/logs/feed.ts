/**
 * The log feed: reads a container's log as a stream (follow, timestamps on), turns bytes into
 * lines, and when the stream ends (the container restarted, the connection dropped, the server's
 * timeout) says so and resumes from the last timestamp seen, dropping what was already shown.
 * Failures are explained for logs; a retry that cannot help is not made. `stop()` closes the stream.
 */
import type { Failure, Result } from '../failure.js';
import type { LogLine } from './buffer.js';
import { LineSplitter } from './lines.js';
import type { LogOptions, LogStream } from '../client/types.js';
import { ResumePoint } from './resume.js';
import { splitTimestamp } from './timestamps.js';
import { explainLogFailure, isFinalLogFailure, type LogFailureContext } from './failures.js';

/** What the feed needs: the client's openLog and a cancellable sleep. */
export interface LogFeedDeps {
  openLog(namespace: string, pod: string, opts: LogOptions, signal?: AbortSignal): Promise<Result<LogStream>>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Which log, and how much of it to start with. */
export interface LogFeedTarget {
  namespace: string;
  pod: string;
  container?: string;
  /** The previous (terminated) instance: read whole, not followed. */
  previous?: boolean;
  /** Lines to start with (default 200). */
  tailLines?: number;
  /** Lines asked for at most when resuming (default 10,000: the buffer's size). */
  resumeTailLines?: number;
  /** The container's state, for explanations. */
  state?: LogFailureContext['state'];
}

/** Where the feed is. */
export type LogFeedStatus =
  | { state: 'connecting'; resuming: boolean }
  | { state: 'streaming'; resumed: boolean }
  | { state: 'ended'; cut: boolean; retryInMs: number }
  | { state: 'complete' }
  | { state: 'failed'; failure: Failure; retryInMs?: number }
  | { state: 'stopped' };

export interface LogFeedListener {
  lines(lines: LogLine[]): void;
  status(status: LogFeedStatus): void;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10_000];

/** Follows one container's log until stopped. */
export class LogFeed {
  private readonly abort = new AbortController();
  private readonly resume = new ResumePoint();
  private stream: LogStream | undefined;
  private done: Promise<void> | undefined;

  constructor(
    private readonly deps: LogFeedDeps,
    readonly target: LogFeedTarget,
  ) {}

  /** Starts reading; resolves when the feed stops (stopped, complete, or a final failure). */
  start(listener: LogFeedListener): Promise<void> {
    this.done ??= this.run(listener);
    return this.done;
  }

  /** Stops: closes the stream and any pending wait. */
  stop(): void {
    this.abort.abort();
    this.stream?.close();
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(out: LogFeedListener): Promise<void> {
    const t = this.target;
    const signal = this.abort.signal;
    let fails = 0;
    let streamed = false;
    let noticeShown = false;
    const wait = async (ms: number) => {
      try {
        await this.deps.sleep(ms, signal);
      } catch {
        // Aborted: the loop sees it.
      }
    };
    while (!this.stopped) {
      const resuming = this.resume.started;
      out.status({ state: 'connecting', resuming: streamed });
      const opts: LogOptions = { timestamps: true, follow: !t.previous };
      if (t.container) opts.container = t.container;
      if (t.previous) opts.previous = true;
      const since = resuming ? this.resume.sinceTime() : undefined;
      if (since) {
        opts.sinceTime = since;
        opts.tailLines = t.resumeTailLines ?? 10_000;
      } else opts.tailLines = t.tailLines ?? 200;
      const opened = await this.deps.openLog(t.namespace, t.pod, opts, signal);
      if (this.stopped) {
        if (opened.ok) opened.value.close();
        break;
      }
      if (!opened.ok) {
        const f = explainLogFailure(opened.failure, { ...t, afterStream: streamed });
        if (isFinalLogFailure(f)) {
          out.status({ state: 'failed', failure: f });
          return;
        }
        const retryInMs = BACKOFF_MS[Math.min(fails++, BACKOFF_MS.length - 1)]!;
        out.status({ state: 'failed', failure: f, retryInMs });
        await wait(retryInMs);
        continue;
      }
      this.stream = opened.value;
      out.status({ state: 'streaming', resumed: streamed });
      streamed = true;
      const seam = this.resume.seam();
      const splitter = new LineSplitter();
      let fresh = 0;
      const accept = (raw: string[]) => {
        const lines: LogLine[] = [];
        for (const r of raw) {
          const s = splitTimestamp(r);
          if (!seam.accept(s.time)) continue;
          this.resume.seen(s.time);
          lines.push(s.raw === undefined ? { text: s.text } : { ts: s.raw, text: s.text });
        }
        if (lines.length === 0) return;
        fresh += lines.length;
        noticeShown = false;
        out.lines(lines);
      };
      let cut = false;
      try {
        for await (const chunk of opened.value.chunks) {
          if (this.stopped) break;
          accept(splitter.push(chunk));
        }
      } catch {
        cut = true;
      }
      opened.value.close();
      this.stream = undefined;
      if (this.stopped) break;
      accept(splitter.end(!cut));
      if (t.previous) {
        out.status({ state: 'complete' });
        return;
      }
      fails = fresh > 0 ? 0 : fails + 1;
      const retryInMs = fresh > 0 ? BACKOFF_MS[0]! : BACKOFF_MS[Math.min(fails, BACKOFF_MS.length - 1)]!;
      if (!noticeShown) {
        out.lines([{ text: cut ? 'log stream cut; resuming' : 'log stream ended; resuming', notice: true }]);
        noticeShown = true;
      }
      out.status({ state: 'ended', cut, retryInMs });
      await wait(retryInMs);
    }
    out.status({ state: 'stopped' });
  }
}
