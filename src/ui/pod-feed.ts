/**
 * Keeps one target's pod list live: polls every interval (or lists once and watches), never
 * overlaps requests, backs off on failure, and buffers watch events into one batch per frame.
 */
import type { KubeClient, PodQuery, PodRow } from '../core/client/types.js';
import type { Failure } from '../core/failure.js';
import { backoffMs, FeedPause } from './feed-pause.js';
import { Turns } from './turns.js';

export interface FeedListener {
  pods(rows: PodRow[]): void;
  changes(upserts: PodRow[], deletes: string[]): void;
  progress(loaded: number, total?: number): void;
  /** The first rows of the first list, shown while the rest loads. */
  firstRows?(rows: readonly PodRow[]): void;
  failed(failure: Failure): void;
  /** The list request started (true) or ended (false): the browser says how long it has waited. */
  waiting?(inFlight: boolean): void;
  /** What the feed is doing between answers (undefined: nothing worth saying). */
  activity?(activity: FeedActivity | undefined): void;
}

/** A list with more rows than this yields to waiting input before it is merged. */
const YIELD_ROWS = 5000;
/**
 * The wait before the next poll when the last one took `tookMs`: polls start every interval (a
 * 2 s interval means rows at most about 2 s old, as `watch -p` or a ticker would), but a poll
 * slower than half the interval is followed by at least half an interval of rest.
 */
export function pollWaitMs(intervalMs: number, tookMs: number): number {
  return Math.max(intervalMs / 2, intervalMs - Math.max(0, tookMs));
}
/** A turn of the event loop: keystrokes that arrived meanwhile are handled (and drawn) first. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
/** The feed's own activity: `r` pressed, waiting `waitMs` after a failure, or trying again after that wait. */
export type FeedActivity = { kind: 'refreshing' } | { kind: 'backoff'; waitMs: number } | { kind: 'trying' };

export interface FeedOptions {
  client: KubeClient;
  query: PodQuery;
  intervalMs: number;
  watch: boolean;
  listener: FeedListener;
  /** Adds the server's own answers to a failure (who am I, where may I list pods). */
  explain?: (failure: Failure, signal: AbortSignal) => Promise<Failure>;
  /** The longest wait between attempts while failing. */
  maxBackoffMs?: number;
  /** How soon buffered watch events are applied after a quiet spell (a frame). */
  frameMs?: number;
  /** Whether a pod's row is on screen: a change to it is applied a frame later whatever the batch credit. */
  shown?: (key: string) => boolean;
  /** The clock batches are timed with (milliseconds; default performance.now). */
  clockMs?: () => number;
}

/**
 * Applying a batch of watch events costs time in proportion to the table (its rows are copied,
 * merged and measured), not to the batch. Under steady churn, applying batches may take about
 * 1/BATCH_COST_FACTOR of the time (0.5% of a core; drawing the frame after it is not counted): a
 * credit of BATCH_BURST_MS, refilled at that rate, pays for each batch; while it is spent, the next
 * batch waits until it is paid back (at most MAX_BATCH_GAP_MS).
 * A change after a quiet spell (or a few now and then) is applied one frame later.
 */
export const BATCH_COST_FACTOR = 200;
/** The most applying time saved up for bursts (so isolated changes never wait). */
export const BATCH_BURST_MS = 50;
/** The longest a change waits in a batch under churn (besides the frame). */
export const MAX_BATCH_GAP_MS = 1000;

/** A running feed; `stop()` aborts everything it started. */
export class PodFeed {
  private readonly abort = new AbortController();
  private readonly pause = new FeedPause(this.abort.signal);
  /** The slices of a list's answers (one answer per namespace, several at once) run one per turn. */
  private readonly turns = new Turns();
  private watchAbort: AbortController | undefined;
  private refreshWanted = false;
  private failures = 0;
  private lastExplained: { code: string; failure: Failure } | undefined;
  private upserts = new Map<string, PodRow>();
  private deletes = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  /** The applying time batches may still take (BATCH_BURST_MS at most; negative: owed), as of creditAt (clockMs). */
  private credit = BATCH_BURST_MS;
  private creditAt: number | undefined;
  /** When the scheduled flush is due (clockMs). */
  private flushDueAt = 0;
  private hadData = false;
  /**
   * Watches (or relists after 410 Gone) in a row that brought no event: a server or proxy that
   * ends every watch at once must not be asked again at once, over and over.
   */
  private emptyRounds = 0;
  /** Resolves when the loop has ended after stop(). */
  readonly done: Promise<void>;

  constructor(private readonly opts: FeedOptions) {
    this.done = this.loop().catch(() => undefined);
  }

  /** Asks for a refresh now; ignored while a request is in flight (it will be fresh anyway). */
  refresh(): void {
    this.refreshWanted = true;
    if (!this.stopped) this.opts.listener.activity?.({ kind: 'refreshing' });
    this.failures = 0;
    this.watchAbort?.abort();
    this.pause.wake();
  }

  /** Stops polling or watching and aborts the request in flight. */
  stop(): void {
    this.abort.abort();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.pause.wake();
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async loop(): Promise<void> {
    const { client, query, listener } = this.opts;
    while (!this.stopped) {
      const asked = this.refreshWanted;
      this.refreshWanted = false;
      const startedAt = this.clockMs();
      listener.waiting?.(true);
      const res = await client.listPods(query, {
        signal: this.abort.signal,
        // A long answer is read a thousand rows at a time, one slice per turn of the event loop
        // whatever the number of answers in flight: at 50,000 pods the event loop was held 35-76 ms
        // once per poll in one go, ≤ 36 ms in slices, ≤ 26 ms in turns (a 5 ms timer's lateness).
        pause: this.turns.take,
        // Polling: small Table(None) rows whose AGE is the server's cell, fresh every interval (all
        // namespaces: one Table per namespace, ~20x fewer bytes). A watch needs the cluster-wide
        // list's resourceVersion, and rows with creationTimestamp: its rows may not be sent again
        // for hours, so AGE is computed from the creation time (exact at every second).
        ...(this.opts.watch
          ? { objects: 'metadata' as const }
          : { perNamespace: true, ...(this.pollCached(asked) ? { cached: true } : {}) }),
        onProgress: (loaded, total) => {
          if (!this.hadData && !this.stopped) listener.progress(loaded, total);
        },
        ...(this.hadData
          ? {}
          : {
              onFirstRows: (rows: readonly PodRow[]) => {
                if (!this.hadData && !this.stopped) listener.firstRows?.(rows);
              },
            }),
      });
      listener.waiting?.(false);
      // The list's last answer was decoded in this same turn of the event loop: a keystroke waiting
      // since then is handled (and drawn) before the rows are merged and drawn (50,000 pods: ~40 ms).
      if (res.ok && res.value.rows.length > YIELD_ROWS) await nextTurn();
      if (this.stopped) return;
      if (res.ok) {
        this.failures = 0;
        this.lastExplained = undefined;
        this.hadData = true;
        listener.activity?.(undefined);
        listener.pods(res.value.rows);
        if (this.opts.watch && res.value.resourceVersion) {
          const f = await this.watch(res.value.resourceVersion);
          if (this.stopped) return;
          if (f === undefined) {
            // Relist at once, unless the last round brought nothing either: then back off.
            if (this.emptyRounds > 1) await this.pause.wait(this.quietBackoff());
            continue;
          }
          await this.fail(f);
        }
      } else {
        await this.fail(res.failure);
      }
      if (this.stopped) return;
      if (!this.refreshWanted) {
        const ms =
          this.failures > 0
            ? backoffMs(this.opts.intervalMs, this.failures, this.opts.maxBackoffMs ?? 30_000)
            : pollWaitMs(this.opts.intervalMs, this.clockMs() - startedAt);
        // After a failure the footer counts down to the next try, then says it is trying.
        if (this.failures > 0) listener.activity?.({ kind: 'backoff', waitMs: ms });
        await this.pause.wait(ms);
        if (this.failures > 0 && !this.stopped && !this.refreshWanted) listener.activity?.({ kind: 'trying' });
      }
    }
  }

  /**
   * Whether a poll asks for the API server's watch cache (resourceVersion=0: one request per list,
   * served from memory, possibly a moment old) instead of a consistent, paged read. The first list
   * of a target is read like kubectl's (paged: its rows show as they arrive), and so is a refresh
   * the user asked for with `r`; the polls between them, repainted every interval anyway, need not
   * cost the server a consistent read each time.
   */
  private pollCached(asked: boolean): boolean {
    return this.hadData && !asked;
  }

  private async fail(f: Failure): Promise<void> {
    this.failures++;
    let shown = f;
    if (this.opts.explain) {
      // Ask the server for its answers once per kind of failure, not on every retry.
      if (this.lastExplained?.code === f.code) shown = this.lastExplained.failure;
      else {
        shown = await this.opts.explain(f, this.abort.signal).catch(() => f);
        this.lastExplained = { code: f.code, failure: shown };
      }
    }
    if (this.stopped) return;
    if (f.stage === 'credentials') {
      // Credentials rarely fix themselves, and an interactive plugin would ask again and again:
      // wait for the user to press r instead of retrying.
      this.opts.listener.failed({
        ...shown,
        hints: [...shown.hints, 'Press r to try again (kpods does not retry failed credentials by itself).'],
      });
      this.opts.listener.activity?.(undefined);
      await this.pause.wait(2 ** 31 - 1);
      return;
    }
    this.opts.listener.failed(shown);
  }

  /** Watches until the stream fails; undefined means "relist now" (e.g. 410 Gone). */
  private async watch(fromVersion: string): Promise<Failure | undefined> {
    let rv = fromVersion;
    for (;;) {
      const wa = new AbortController();
      this.watchAbort = wa;
      let gotEvent = false;
      const res = await this.opts.client.watchPods(
        this.opts.query,
        rv,
        (ev) => {
          gotEvent = true;
          if (ev.resourceVersion) rv = ev.resourceVersion;
          if (ev.type === 'BOOKMARK') return;
          if (ev.type === 'DELETED') {
            this.upserts.delete(ev.row.key);
            this.deletes.add(ev.row.key);
          } else {
            this.deletes.delete(ev.row.key);
            this.upserts.set(ev.row.key, ev.row);
          }
          this.scheduleFlush(this.opts.shown?.(ev.row.key) === true);
        },
        AbortSignal.any([this.abort.signal, wa.signal]),
      );
      this.watchAbort = undefined;
      this.flush();
      if (this.stopped || wa.signal.aborted) return undefined;
      this.emptyRounds = gotEvent ? 0 : this.emptyRounds + 1;
      if (!res.ok) return res.failure.code === 'response.gone' ? undefined : res.failure;
      if (res.value.resourceVersion) rv = res.value.resourceVersion;
      if (this.refreshWanted) return undefined;
      if (this.emptyRounds > 1) await this.pause.wait(this.quietBackoff());
      if (this.stopped || this.refreshWanted) return undefined;
    }
  }

  /** The wait before another watch after rounds that brought no event. */
  private quietBackoff(): number {
    return backoffMs(this.opts.intervalMs, this.emptyRounds - 1, this.opts.maxBackoffMs ?? 30_000);
  }

  private clockMs(): number {
    return (this.opts.clockMs ?? performance.now.bind(performance))();
  }

  /** The credit as of `now` (refilled at 1/BATCH_COST_FACTOR of the time passed). */
  private refill(now: number): void {
    if (this.creditAt !== undefined) this.credit = Math.min(BATCH_BURST_MS, this.credit + (now - this.creditAt) / BATCH_COST_FACTOR);
    this.creditAt = now;
  }

  /** A frame after the first event; longer while the credit is owed (see BATCH_COST_FACTOR), unless a row on screen changed. */
  private scheduleFlush(shown: boolean): void {
    const now = this.clockMs();
    const frame = this.opts.frameMs ?? 100;
    if (this.flushTimer && !(shown && this.flushDueAt > now + frame)) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.refill(now);
    const owed = this.credit < 0 && !shown ? Math.min(MAX_BATCH_GAP_MS, -this.credit * BATCH_COST_FACTOR) : 0;
    const wait = Math.max(frame, owed);
    this.flushDueAt = now + wait;
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.stopped || (this.upserts.size === 0 && this.deletes.size === 0)) return;
    const upserts = [...this.upserts.values()];
    const deletes = [...this.deletes];
    this.upserts.clear();
    this.deletes.clear();
    const started = this.clockMs();
    this.refill(started);
    this.opts.listener.changes(upserts, deletes);
    const ended = this.clockMs();
    this.refill(ended);
    this.credit -= ended - started;
  }
}
