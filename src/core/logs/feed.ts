/**
 * The log feed: reads a container's log as a stream (follow, timestamps on), splits the bytes
 * into lines straight into the log buffer, and when the stream ends says why and resumes from
 * the last timestamp seen, dropping what was already shown. A stream ends because the container
 * exited (a crash loop: said once, then the feed waits for it to run again instead of asking for
 * its log over and over), the connection dropped, or the server's timeout. Failures are
 * explained for logs; a retry that cannot help is not made. `stop()` closes the stream.
 */
import type { Failure, Result } from '../failure.js';
import type { LineBuffer } from './buffer.js';
import type { ContainerNow } from './containers.js';
import { LineSplitter } from './lines.js';
import type { LogOptions, LogStream } from '../client/types.js';
import { ResumePoint } from './resume.js';
import { stampOf, type LogTime } from './timestamps.js';
import { explainLogFailure, isFinalLogFailure, type LogFailureContext } from './failures.js';

/** What the feed needs: the client's openLog, a cancellable sleep, and (optionally) the container's state now. */
export interface LogFeedDeps {
  openLog(namespace: string, pod: string, opts: LogOptions, signal?: AbortSignal): Promise<Result<LogStream>>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** The container's state (from the pod); undefined when it cannot be told. */
  containerState?(namespace: string, pod: string, container: string | undefined, signal: AbortSignal): Promise<ContainerNow | undefined>;
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
  /** The container is not running (a crash loop): waiting for it to start again. */
  | { state: 'exited'; restarts: number; reason?: string | undefined; exitCode?: number | undefined }
  | { state: 'complete' }
  | { state: 'failed'; failure: Failure; retryInMs?: number }
  | { state: 'stopped' };

export interface LogFeedListener {
  /** Where the lines go: the feed appends the server's bytes to it. */
  readonly buffer: LineBuffer;
  /** `count` lines were appended (a chunk's worth or a notice). */
  added(count: number): void;
  status(status: LogFeedStatus): void;
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10_000];
/** How often a container that exited is looked at while waiting for it to start again. */
const EXITED_POLL_MS = [1000, 2000, 4000, 5000];

const exitWords = (c: ContainerNow) =>
  [c.reason, c.exitCode !== undefined ? `exit code ${c.exitCode}` : '', c.restarts ? `restart ${c.restarts}` : '']
    .filter(Boolean)
    .join(', ');

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

  private wait = async (ms: number): Promise<void> => {
    try {
      await this.deps.sleep(ms, this.abort.signal);
    } catch {
      // Aborted: the loop sees it.
    }
  };

  private notice(out: LogFeedListener, text: string): void {
    out.buffer.push([{ text, notice: true }]);
    out.added(1);
  }

  /** Reads one opened stream into the buffer; returns the lines it added and whether it was cut. */
  private async read(stream: LogStream, out: LogFeedListener): Promise<{ fresh: number; cut: boolean }> {
    const seam = this.resume.seam();
    const splitter = new LineSplitter();
    const time: LogTime = { seconds: 0, nanos: 0 };
    let fresh = 0;
    let batch = 0;
    const sink = (bytes: Uint8Array, from: number, to: number) => {
      const ts = stampOf(bytes, from, to, time);
      const t = ts > 0 ? time : undefined;
      if (!seam.accept(t)) return;
      this.resume.seen(t);
      out.buffer.append(bytes, from, to, ts);
      batch++;
    };
    const flush = () => {
      if (batch === 0) return;
      fresh += batch;
      out.added(batch);
      batch = 0;
    };
    let cut = false;
    try {
      for await (const chunk of stream.chunks) {
        if (this.stopped) break;
        splitter.each(chunk, sink);
        flush();
      }
    } catch {
      cut = true;
    }
    stream.close();
    if (!this.stopped) {
      splitter.endEach(!cut, sink);
      flush();
    }
    return { fresh, cut };
  }

  /**
   * After a clean end: when the container is not running, says so once and waits (polling its
   * state) until it runs again. Returns false when it has ended for good (the feed is complete).
   */
  private async awaitRestart(out: LogFeedListener, first: ContainerNow): Promise<boolean> {
    const t = this.target;
    const look = this.deps.containerState!;
    let now: ContainerNow | undefined = first;
    if (!now.willRestart) {
      this.notice(out, `container ended (${exitWords(now) || 'no exit code'}); its log is complete`);
      out.status({ state: 'complete' });
      return false;
    }
    this.notice(out, `container exited (${exitWords(now) || 'no exit code'}); waiting for it to start again`);
    out.status({ state: 'exited', restarts: now.restarts, reason: now.reason, exitCode: now.exitCode });
    for (let i = 0; !this.stopped; i++) {
      await this.wait(EXITED_POLL_MS[Math.min(i, EXITED_POLL_MS.length - 1)]!);
      if (this.stopped) break;
      now = await look(t.namespace, t.pod, t.container, this.abort.signal);
      // Gone or unknown: asking for the log again says what happened.
      if (!now || now.running) break;
      if (!now.willRestart) return this.awaitRestart(out, now);
    }
    if (now?.running) this.notice(out, `container started again${now.restarts ? ` (restart ${now.restarts})` : ''}`);
    return true;
  }

  private async run(out: LogFeedListener): Promise<void> {
    const t = this.target;
    const signal = this.abort.signal;
    let fails = 0;
    let streamed = false;
    let noticeShown = false;
    while (!this.stopped) {
      out.status({ state: 'connecting', resuming: streamed });
      const opts: LogOptions = { timestamps: true, follow: !t.previous };
      if (t.container) opts.container = t.container;
      if (t.previous) opts.previous = true;
      const since = this.resume.started ? this.resume.sinceTime() : undefined;
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
        await this.wait(retryInMs);
        continue;
      }
      this.stream = opened.value;
      out.status({ state: 'streaming', resumed: streamed });
      streamed = true;
      const { fresh, cut } = await this.read(opened.value, out);
      this.stream = undefined;
      if (this.stopped) break;
      if (fresh > 0) noticeShown = false;
      if (t.previous) {
        out.status({ state: 'complete' });
        return;
      }
      // A clean end: the container may have exited (the kubelet ends its log stream then).
      const now = !cut && this.deps.containerState ? await this.deps.containerState(t.namespace, t.pod, t.container, signal) : undefined;
      if (this.stopped) break;
      if (now && !now.running) {
        if (!(await this.awaitRestart(out, now))) return;
        fails = 0;
        noticeShown = true;
        continue;
      }
      fails = fresh > 0 ? 0 : fails + 1;
      const retryInMs = fresh > 0 ? BACKOFF_MS[0]! : BACKOFF_MS[Math.min(fails, BACKOFF_MS.length - 1)]!;
      if (!noticeShown) {
        this.notice(out, cut ? 'log stream cut; resuming' : 'log stream ended; resuming');
        noticeShown = true;
      }
      out.status({ state: 'ended', cut, retryInMs });
      await this.wait(retryInMs);
    }
    out.status({ state: 'stopped' });
  }
}
