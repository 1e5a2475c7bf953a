/**
 * Keeps the usage of the pods in view: checks discovery for metrics.k8s.io/v1beta1 once, then
 * reads PodMetrics at the refresh interval but never more often than every 10 s (metrics-server's
 * own resolution is 15 s), and the pods' requests and limits: with `shown`, those of the pods on
 * screen (a GET each, once); without, one PodList page when pods without them appear, at most every
 * 30 s. Absent, forbidden or failing is a state with one line why, never a failure of the pod list:
 * absent is checked again every 5 minutes, the others every minute.
 * With a `scope` (metrics-scope.ts), only what is on screen is read: namespaces (a list each) and
 * pods (a GET each), unless the scope says all (a usage sort); a scroll to rows not read reads them
 * once the screen has been still for SCOPE_SETTLE_MS.
 */
import {
  ABSENT_WHY,
  listPodMetrics,
  getPodMetrics,
  getSpecResources,
  listSpecResources,
  metricsDiscovered,
  podUsageCells,
  probeFromFailure,
  type MetricsProbe,
  type ObjectCaller,
  type PodMetricsQuery,
  type PodSpecResources,
  type PodUsage,
  type UsageCells,
} from '../core/metrics/index.js';
import { FeedPause } from './feed-pause.js';
import { eachFew } from '../core/each-few.js';

const MIN_METRICS_INTERVAL_MS = 10_000;
const ABSENT_RECHECK_MS = 300_000;
const FAILING_RETRY_MS = 60_000;
const SPEC_REFRESH_MS = 30_000;
/** The most pods whose specs are read for the shares of requests and limits. */
const SPEC_LIMIT = 2000;
/** Up to this many new pods, their specs are read one by one instead of the whole page again. */
const SPEC_SINGLE_MAX = 10;

/** How long the rows on screen stay put before a scroll or sort to namespaces not read reads their usage. */
export const SCOPE_SETTLE_MS = 400;

/** One pod's usage and its table cells. */
export interface PodUsageView {
  usage: PodUsage;
  cells: UsageCells;
  /** The pod's requests and limits, when known. */
  spec?: PodSpecResources;
}

/** Pod usage keyed `namespace/name`. */
export type UsageByPod = ReadonlyMap<string, PodUsageView>;

interface MetricsFeedListener {
  /** The API's state changed (available, absent, forbidden, failing). */
  state(probe: MetricsProbe): void;
  /** Fresh usage (only while available). */
  usage(byPod: UsageByPod): void;
}

interface MetricsFeedOptions {
  caller: ObjectCaller;
  query: PodMetricsQuery;
  /** The table's refresh interval; the feed never polls faster than MIN_METRICS_INTERVAL_MS. */
  intervalMs: number;
  listener: MetricsFeedListener;
  /** The clock for the spec refresh throttle (default Date.now). */
  nowMs?: () => number;
  /**
   * The namespaces and pods (`namespace/name`) whose usage is shown (undefined: every pod's usage
   * is needed). Other pods keep the usage last read.
   */
  scope?: () => readonly string[] | undefined;
  /**
   * The pods on screen (`namespace/name`): only their requests and limits are read, a GET each
   * (undefined: one page of every pod's, as `kpods top` needs).
   */
  shown?: () => readonly string[];
  /** Called after changes that may change `scope` (the store's subscribe); returns the unsubscribe function. */
  subscribe?: (fn: () => void) => () => void;
}

/** A pod key `namespace/name` as its namespace and name (a namespace name has no "/"). */
function podOf(key: string): [namespace: string, name: string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/** The raw-call side of a client (the real client has it; test fakes may not, and then there is no usage). */
export function metricsCallerOf(client: object): ObjectCaller | undefined {
  return typeof (client as Partial<ObjectCaller>).callObject === 'function' ? (client as ObjectCaller) : undefined;
}

/** A running metrics feed; `stop()` aborts it. */
export class MetricsFeed {
  private readonly abort = new AbortController();
  private readonly pause = new FeedPause(this.abort.signal);
  private lastState = '';
  private specs = new Map<string, PodSpecResources>();
  private specsComplete = true;
  /** Pods on screen whose spec was asked for (with `shown`): asked once, even when the answer failed. */
  private readonly specsTried = new Set<string>();
  private specsAt = Number.NEGATIVE_INFINITY;
  private latestByPod: UsageByPod = new Map();
  /** Usage was told to the listener at least once (an empty first answer is news too). */
  private published = false;
  /** The namespaces the last read covered (undefined: all). */
  private readScope: ReadonlySet<string> | undefined;
  /** In the pause between two reads (not a retry wait): a scroll to another namespace may end it. */
  private betweenReads = false;
  private readonly unsubscribe: (() => void) | undefined;
  /** The read a scroll out of the last read's namespaces asked for, due once the screen is still. */
  private settle: NodeJS.Timeout | undefined;
  readonly done: Promise<void>;

  constructor(private readonly opts: MetricsFeedOptions) {
    this.unsubscribe = opts.subscribe?.(() => {
      if (!this.betweenReads || !this.scopeMissed()) return;
      // Once the screen has been still a moment: the keystroke's own frame is drawn first (a usage
      // read after a sort may be every pod's, 50,000 of them), and a fast scroll reads once.
      if (this.settle) clearTimeout(this.settle);
      this.settle = setTimeout(() => {
        this.settle = undefined;
        if (this.betweenReads && this.scopeMissed()) this.pause.wake();
      }, SCOPE_SETTLE_MS);
    });
    this.done = this.loop().catch(() => undefined);
  }

  stop(): void {
    if (this.settle) clearTimeout(this.settle);
    this.abort.abort();
    this.unsubscribe?.();
    this.pause.wake();
  }

  /** The namespaces and pods to read now; undefined: all (the query's). */
  private wanted(): readonly string[] | undefined {
    return this.opts.scope?.();
  }

  /** Whether the rows shown need usage the last read did not cover, or shares it has not read. */
  private scopeMissed(): boolean {
    const read = this.readScope;
    if (read === undefined) return this.specsMissed();
    const want = this.wanted();
    if (want === undefined) return true;
    const covered = (u: string): boolean => read.has(u) || (u.includes('/') && read.has(podOf(u)[0]));
    return !want.every(covered) || this.specsMissed();
  }

  /** Pods on screen with usage whose requests and limits were not read (nor tried). */
  private specsMissed(): boolean {
    return this.opts.shown?.().some((k) => this.latestByPod.has(k) && !this.specs.has(k) && !this.specsTried.has(k)) ?? false;
  }

  /**
   * The usage in `scope`: a list for each namespace, a GET for each pod (`namespace/name`, a few
   * at a time), or all pods in view (undefined).
   */
  private async readUsage(scope: readonly string[] | undefined, previous: Map<string, PodUsage>): ReturnType<typeof listPodMetrics> {
    const { caller, query } = this.opts;
    if (scope === undefined) return listPodMetrics(caller, query, this.abort.signal, previous);
    const out: PodUsage[] = [];
    const pods: string[] = [];
    for (const unit of scope) {
      if (unit.includes('/')) {
        pods.push(unit);
        continue;
      }
      const res = await listPodMetrics(caller, { ...query, namespace: unit }, this.abort.signal, previous);
      if (!res.ok) return res;
      out.push(...res.value);
      if (this.stopped) break;
    }
    const one = await eachFew(pods, (key) => getPodMetrics(caller, ...podOf(key), this.abort.signal, previous));
    if (!one.ok) return one;
    for (const u of one.value) if (u !== undefined) out.push(u);
    // The pods of other namespaces (and other pods of the namespaces read pod by pod) keep the usage last read.
    const read = new Set(scope);
    for (const [key, view] of this.latestByPod) if (!read.has(view.usage.namespace) && !read.has(key)) out.push(view.usage);
    return { ok: true, value: out };
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private setState(p: MetricsProbe): void {
    const key = `${p.state}\u0000${p.why}`;
    if (key === this.lastState) return;
    this.lastState = key;
    // The table drops usage while the API is not available: the next usage is news again.
    if (p.state !== 'available') this.published = false;
    this.opts.listener.state(p);
  }

  private async loop(): Promise<void> {
    const { caller, query } = this.opts;
    const signal = this.abort.signal;
    while (!this.stopped) {
      const found = await metricsDiscovered(caller, signal);
      if (this.stopped) return;
      if (!found.ok) {
        this.setState({ state: 'failing', why: `Discovery (/apis) failed: ${found.failure.summary}`, failure: found.failure });
        await this.pause.wait(FAILING_RETRY_MS);
        continue;
      }
      if (!found.value) {
        this.setState({ state: 'absent', why: ABSENT_WHY });
        await this.pause.wait(ABSENT_RECHECK_MS);
        continue;
      }
      while (!this.stopped) {
        const previous = new Map<string, PodUsage>();
        for (const [key, view] of this.latestByPod) previous.set(key, view.usage);
        const scope = this.wanted();
        const list = await this.readUsage(scope, previous);
        if (this.stopped) return;
        if (!list.ok) {
          this.setState(probeFromFailure(list.failure, query.namespace));
          await this.pause.wait(FAILING_RETRY_MS);
          break; // discover again: the API may have gone
        }
        this.readScope = scope === undefined ? undefined : new Set(scope);
        await this.refreshSpecs(list.value);
        if (this.stopped) return;
        this.publish(list.value);
        // The rows shown moved to namespaces not read (while reading): read them now.
        if (this.scopeMissed()) continue;
        this.betweenReads = true;
        await this.pause.wait(Math.max(this.opts.intervalMs, MIN_METRICS_INTERVAL_MS));
        this.betweenReads = false;
      }
    }
  }

  /**
   * Reads the specs of pods with usage but no known spec: a few new pods one by one, else the
   * whole page again (throttled; rarely when the view is larger than SPEC_LIMIT). Pods gone from
   * the usage are forgotten.
   */
  private async refreshSpecs(usages: PodUsage[]): Promise<void> {
    if (this.opts.shown) return this.refreshShownSpecs(usages, this.opts.shown());
    const now = (this.opts.nowMs ?? Date.now)();
    const missing = usages.filter((u) => !this.specs.has(`${u.namespace}/${u.name}`));
    if (missing.length === 0) return;
    if (this.specsAt !== Number.NEGATIVE_INFINITY && missing.length <= SPEC_SINGLE_MAX && this.specsComplete) {
      const live = new Set(usages.map((u) => `${u.namespace}/${u.name}`));
      for (const key of [...this.specs.keys()]) if (!live.has(key)) this.specs.delete(key);
      for (const u of missing) {
        const res = await getSpecResources(this.opts.caller, u.namespace, u.name, this.abort.signal);
        if (this.stopped) return;
        if (res.ok) this.specs.set(`${u.namespace}/${u.name}`, res.value);
      }
      return;
    }
    const every = this.specsComplete ? SPEC_REFRESH_MS : 10 * SPEC_REFRESH_MS;
    if (now - this.specsAt < every) return;
    this.specsAt = now;
    const res = await listSpecResources(this.opts.caller, this.opts.query, SPEC_LIMIT, this.abort.signal);
    if (!res.ok) return; // the shares stay unknown (`?`); usage itself still shows
    this.specs = res.value.byPod;
    this.specsComplete = res.value.complete;
  }

  /**
   * Reads the requests and limits of the pods on screen that have usage and no known spec, a GET
   * each (a few at a time): a screenful, not a page of every pod. Pods gone from the usage are forgotten.
   */
  private async refreshShownSpecs(usages: PodUsage[], shown: readonly string[]): Promise<void> {
    const live = new Set(usages.map((u) => `${u.namespace}/${u.name}`));
    for (const key of [...this.specs.keys()]) if (!live.has(key)) this.specs.delete(key);
    const missing = shown.filter((k) => live.has(k) && !this.specs.has(k) && !this.specsTried.has(k));
    for (const k of missing) this.specsTried.add(k);
    if (this.specsTried.size > 10_000) this.specsTried.clear();
    await eachFew(missing, async (key) => {
      const res = await getSpecResources(this.opts.caller, ...podOf(key), this.abort.signal);
      if (res.ok) this.specs.set(key, res.value);
      return { ok: true, value: undefined };
    });
  }

  /**
   * Tells the listener the usage, keeping each pod's view when its usage and spec are the ones it
   * was made from; a poll that repeats the last scrape for every pod tells nothing (no new map:
   * the table is neither re-sorted nor drawn again).
   */
  private publish(usages: PodUsage[]): void {
    const before = this.latestByPod;
    const byPod = new Map<string, PodUsageView>();
    let same = usages.length === before.size;
    for (const u of usages) {
      const key = `${u.namespace}/${u.name}`;
      const spec = this.specs.get(key);
      const old = before.get(key);
      if (old !== undefined && old.usage === u && old.spec === spec) byPod.set(key, old);
      else {
        same = false;
        byPod.set(key, { usage: u, cells: podUsageCells(u, spec), ...(spec ? { spec } : {}) });
      }
    }
    const every = Math.round(Math.max(this.opts.intervalMs, MIN_METRICS_INTERVAL_MS) / 1000);
    this.setState({ state: 'available', why: `CPU and memory from metrics.k8s.io/v1beta1, read every ${every} s.` });
    if (same && this.published) return;
    this.latestByPod = byPod;
    this.published = true;
    this.opts.listener.usage(byPod);
  }
}
