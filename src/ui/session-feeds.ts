/**
 * The feeds the UI session starts for one client: the pod feed that fills the table and, for
 * clients that can make raw API calls (fakes may not), the metrics feed of the usage columns.
 * What they report becomes store actions.
 */
import type { KubeClient, PodQuery, PodRow } from '../core/client/types.js';
import type { Failure } from '../core/failure.js';
import { PodFeed, type FeedActivity } from './pod-feed.js';
import type { Activity } from './activity.js';
import type { MetricsFeed } from './metrics-feed.js';
import type { SessionOptions } from './session-types.js';
import type { Store } from './store.js';
import { tableWarmer } from './warm-table.js';

/** The wait before each step of the table code's warm-up (warm-table.ts): after the list's frame, between keystrokes. */
const WARM_STEP_MS = 250;
/** Once per process: V8's optimised code serves every later session. */
const warmTableOnce = tableWarmer();

/** The footer's activity for what the feed reports (waits become the time they end). */
function activityAt(a: FeedActivity, now: Date): Activity {
  return a.kind === 'backoff' ? { kind: 'backoff', at: new Date(now.getTime() + a.waitMs) } : a;
}

interface FeedsInput {
  client: KubeClient;
  query: PodQuery;
  opts: SessionOptions;
  store: Store;
  now(): Date;
  /** The server's own answers for a failure (see diagnose). */
  explain(failure: Failure, signal: AbortSignal): Promise<Failure>;
  /** Each list's rows, before the store has them (the session notes their namespaces). */
  listed(rows: readonly PodRow[]): void;
  /** The usage feed, once it has started (after the first rows), unless `current()` went false. */
  metricsStarted(feed: MetricsFeed): void;
  /** The client is still the session's (a context switch stops its feeds). */
  current(): boolean;
}

/**
 * Starts the feeds of one client: the pod feed now; the usage columns' feed once the first list has
 * answered with rows, so its requests (a metrics list as large as the pod list) and its modules do
 * not compete with the first rows, and a failing list (a credential plugin that was cancelled) is
 * not followed by more requests that fail.
 */
export function startFeeds(input: FeedsInput): PodFeed {
  const { client, query, opts, store } = input;
  let metricsAsked = false;
  const startMetrics = (): void => {
    if (metricsAsked || !input.current()) return;
    metricsAsked = true;
    void startMetricsFeed(input);
  };
  return new PodFeed({
    client,
    query,
    intervalMs: opts.intervalMs,
    watch: opts.watch,
    shown: (key) => {
      const t = store.getState().table;
      for (let i = t.top; i < t.top + t.viewport && i < t.view.length; i++) if (t.view[i]?.key === key) return true;
      return false;
    },
    explain: input.explain,
    listener: {
      pods: (rows) => {
        input.listed(rows);
        store.dispatch({ type: 'pods', rows, at: input.now() });
        startMetrics();
        warmTableOnce(
          rows.length,
          () => store.getState().table,
          (step) => setTimeout(step, WARM_STEP_MS).unref(),
        );
      },
      changes: (upserts, deletes) => store.dispatch({ type: 'changes', upserts, deletes, at: input.now() }),
      progress: (loaded, total) => store.dispatch({ type: 'loading', loaded, total }),
      firstRows: (rows) => store.dispatch({ type: 'first-rows', rows }),
      failed: (f) => store.dispatch({ type: 'failed', failure: f }),
      waiting: (inFlight) => store.dispatch({ type: 'waiting-server', since: inFlight ? input.now() : undefined }),
      activity: (a) => store.dispatch({ type: 'activity', activity: a && activityAt(a, input.now()) }),
    },
  });
}

/** The usage feed, for clients that can make raw API calls (fakes may not). */
async function startMetricsFeed(input: FeedsInput): Promise<void> {
  const [{ MetricsFeed, metricsCallerOf }, { metricsScope, podsOnScreen }] = await Promise.all([
    import('./metrics-feed.js'),
    import('./metrics-scope.js'),
  ]);
  const caller = metricsCallerOf(input.client);
  if (!caller || !input.current()) return;
  const store = input.store;
  input.metricsStarted(
    new MetricsFeed({
      caller,
      query: input.query,
      intervalMs: input.opts.intervalMs,
      nowMs: () => input.now().getTime(),
      scope: () => metricsScope(store.getState().table),
      shown: () => podsOnScreen(store.getState().table),
      subscribe: (fn) => store.subscribe(fn),
      listener: {
        state: (probe) => store.dispatch({ type: 'metrics-state', probe }),
        usage: (usage) => store.dispatch({ type: 'usage', usage }),
      },
    }),
  );
}
