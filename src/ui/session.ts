/**
 * The UI session: the current selection (context, user override, namespace) resolved to a
 * target, the client for it and the pod feed that fills the table. Everything it learns becomes
 * a store Action. Later feeds (logs, the detail loader) hang off it the same way: started for
 * the current client, stopped when the target changes.
 */
import { HealthCache, type CheckRunner, type ContextCheck } from '../core/health/index.js';
import { liveCheck } from './live-check.js';
import { diagnose } from '../core/client/diagnose.js';
import type { KubeClient, PodQuery } from '../core/client/types.js';
import type { Failure, Result } from '../core/failure.js';
import type { Target } from '../core/target.js';
import { neutralize } from '../core/terminal-text.js';
import { PodFeed, type FeedActivity } from './pod-feed.js';
import type { Activity } from './activity.js';
import type { RetryNotice } from '../core/client/transport.js';
import type { MetricsFeed, PodUsageView } from './metrics-feed.js';
import { labelSelectorOf } from './rows.js';
import { checkSelector } from './filter-check.js';
import { RowFindings } from './row-finding.js';
import type { Store } from './store.js';

/** One context as the pickers show it. */
export interface ContextEntry {
  name: string;
  cluster: string;
  user: string;
  namespace?: string | undefined;
  /** A description (the demo's scenario), shown instead of cluster/user/namespace in the picker. */
  note?: string | undefined;
}

/** What the pickers and the session need from the merged kubeconfig. */
export interface KubeconfigView {
  current?: string | undefined;
  contexts: readonly ContextEntry[];
  users: readonly string[];
}

/** A choice of context, user override and namespace (null: all namespaces). */
export interface Selection {
  context: string;
  user?: string | undefined;
  namespace?: string | null | undefined;
}

/** What the session wants to hear from a client it creates. */
export interface ClientHooks {
  /** Before each Retry-After wait of a 429/5xx answer. */
  onRetry?: (notice: RetryNotice) => void;
  /** A credential plugin started (its name) or ended (undefined). */
  onExecRunning?: (plugin: string | undefined) => void;
}

/** The footer's activity for what the feed reports (waits become the time they end). */
function activityAt(a: FeedActivity, now: Date): Activity {
  return a.kind === 'backoff' ? { kind: 'backoff', at: new Date(now.getTime() + a.waitMs) } : a;
}

/** The outside world the session needs, injected so it runs against fakes or the simulator. */
export interface SessionDeps {
  now(): Date;
  /** The kubeconfig as last loaded (kpods follows its files; see kubeconfig-follow.ts). */
  kubeconfig(): KubeconfigView;
  resolve(sel: Selection): Result<Target>;
  createClient(target: Target, hooks?: ClientHooks): KubeClient;
  /** When the credential of `target` expires, if known. */
  expiry?(target: Target): Date | undefined;
  /** Checks contexts in the background (the context picker's result column); absent: no checks. */
  checkContexts?: CheckRunner | undefined;
}

export interface SessionOptions {
  intervalMs: number;
  watch: boolean;
}

/** The all-namespaces entry's id in the namespace picker. */
export const ALL_NAMESPACES = '\u0000all';

/** Drives one kpods session. */
export class UiSession {
  private feed: PodFeed | undefined;
  /** Usage for the usage columns (only for clients that can make raw API calls; fakes may not). */
  private metricsFeed: MetricsFeed | undefined;
  private currentClient: KubeClient | undefined;
  private currentTarget: Target | undefined;
  private sel: Selection;
  /** Each context's last namespace while kpods runs (null: all namespaces). */
  private readonly namespaces = new Map<string, string | null>();
  private side = new AbortController();
  /** The `-l` selector of the `/` filter, applied by the server. */
  private labelSelector: string | undefined;
  /** The username the server reported for the current client. */
  private identity: string | undefined;
  /** The `/` filter as last applied (restored when the server refuses a new selector). */
  private appliedFilter = '';
  private filterChecks = 0;
  private currentQuery: PodQuery | undefined;
  /** Namespaces seen in any pod or namespace list this session (candidates when listing namespaces is forbidden). */
  private readonly seen = new Set<string>();

  /** The context picker's health checks (results cached for a minute); undefined without `deps.checkContexts`. */
  readonly health: HealthCache | undefined;
  /** The status line under the table (the selected pod's top finding). */
  private readonly findings: RowFindings;

  constructor(
    private readonly store: Store,
    private readonly deps: SessionDeps,
    private readonly opts: SessionOptions,
    initial: Selection,
  ) {
    this.sel = initial;
    this.findings = new RowFindings({ store, client: () => this.currentClient, signal: () => this.side.signal, now: deps.now });
    const run = deps.checkContexts;
    // The current context's result comes from this session's own list and identity, not a new check.
    const known = (name: string) => this.liveResult(name);
    this.health = run ? new HealthCache({ run, now: () => deps.now().getTime(), ttlMs: 60_000, known }) : undefined;
    // The header says when the current context last checked fine.
    this.health?.subscribe(() => {
      const at = this.health?.lastOk(this.sel.context);
      if (at !== undefined && store.getState().contextOkAt?.getTime() !== at) store.dispatch({ type: 'context-ok', at: new Date(at) });
    });
  }

  /** Starts on the initial selection. */
  start(): void {
    this.apply(this.sel);
  }

  /** The current selection. */
  get selection(): Selection {
    return { ...this.sel };
  }

  /** True when the selection names a context the kubeconfig does not have (or there is no current context). */
  get contextMissing(): boolean {
    const code = this.store.getState().table.failure?.code;
    return this.currentTarget === undefined && (code === 'kubeconfig.context-not-found' || code === 'kubeconfig.no-current-context');
  }

  /** The resolved target (undefined when the selection did not resolve). */
  get target(): Target | undefined {
    return this.currentTarget;
  }

  /** The client of the current target (undefined when not connected). */
  get client(): KubeClient | undefined {
    return this.currentClient;
  }

  /** An abort signal that fires when the target changes (for side requests such as picker lists). */
  get signal(): AbortSignal {
    return this.side.signal;
  }

  /** The kubeconfig as last loaded. */
  kubeconfig(): KubeconfigView {
    return this.deps.kubeconfig();
  }

  /** The namespace chosen for the current context this session (null: all; undefined: never chosen). */
  chosenNamespace(): string | null | undefined {
    return this.namespaces.get(this.sel.context);
  }

  /** Remembers namespaces learnt from a list (namespace picker). */
  noteNamespaces(names: readonly string[]): void {
    for (const ns of names.slice(0, 1000)) this.seen.add(ns);
  }

  /**
   * Namespaces worth checking for permission when the server will not list them, most relevant
   * first: the target's, the kubeconfig contexts', those chosen this session, those seen in lists.
   */
  knownNamespaces(): string[] {
    const known = new Set<string>();
    if (this.currentTarget?.namespace) known.add(this.currentTarget.namespace);
    for (const c of this.deps.kubeconfig().contexts) if (c.namespace) known.add(c.namespace);
    for (const ns of this.namespaces.values()) if (ns) known.add(ns);
    for (const ns of this.seen) known.add(ns);
    known.add('default');
    return [...known];
  }

  private namespaceOf(sel: Selection, target: Target): string | undefined {
    if (sel.namespace === null) return undefined;
    return sel.namespace ?? target.namespace;
  }

  private apply(sel: Selection): void {
    this.stopFeed();
    this.findings.clear();
    this.sel = sel;
    const resolved = this.deps.resolve(sel);
    if (!resolved.ok) {
      this.currentTarget = undefined;
      const contextEntry = this.deps.kubeconfig().contexts.find((c) => c.name === sel.context);
      this.store.dispatch({
        type: 'target',
        target: {
          context: sel.context,
          cluster: contextEntry?.cluster ?? '',
          server: '',
          user: sel.user ?? contextEntry?.user ?? '',
          userOverridden: sel.user !== undefined,
          namespace: sel.namespace ?? contextEntry?.namespace ?? undefined,
          unresolved: true,
        },
      });
      this.store.dispatch({ type: 'failed', failure: resolved.failure });
      return;
    }
    const target = resolved.value;
    const store = this.store;
    store.dispatch({ type: 'activity' });
    if (target.contextName) this.sel = { ...sel, context: target.contextName };
    const namespace = this.namespaceOf(sel, target);
    this.namespaces.set(this.sel.context, namespace ?? null);
    this.currentTarget = target;
    this.store.dispatch({
      type: 'target',
      target: {
        context: target.contextName,
        cluster: target.clusterName,
        server: target.server,
        user: target.userName,
        userOverridden: target.userOverridden,
        namespace,
      },
    });
    const expiry = this.deps.expiry?.(target);
    if (expiry) this.store.dispatch({ type: 'identity', expiry });
    const okAt = this.health?.lastOk(target.contextName);
    if (okAt !== undefined) this.store.dispatch({ type: 'context-ok', at: new Date(okAt) });
    // A 429/5xx with Retry-After is retried inside the client: the footer says so while it waits.
    const client = this.deps.createClient(target, {
      // A silent plugin is not a blank screen: the header and the empty table say what kpods waits for.
      onExecRunning: (name) =>
        this.store.dispatch({ type: 'waiting-plugin', ...(name !== undefined ? { name, since: this.deps.now() } : {}) }),
      onRetry: (n) => {
        if (this.currentClient !== client) return;
        const at = new Date(this.deps.now().getTime() + n.waitMs);
        store.dispatch({ type: 'activity', activity: { kind: 'retry', at, status: n.status, retryAfterSeconds: n.retryAfterSeconds } });
      },
    });
    this.currentClient = client;
    const query: PodQuery = {
      ...(namespace === undefined ? {} : { namespace }),
      ...(this.labelSelector ? { labelSelector: this.labelSelector } : {}),
    };
    this.currentQuery = query;
    // The usage columns' feed starts once the first list has answered with rows: its requests (a
    // metrics list as large as the pod list) do not compete with the first rows, and a failing
    // list (a credential plugin that was cancelled) is not followed by more requests that fail.
    let metricsStarted = false;
    const startMetrics = (): void => {
      if (metricsStarted || this.currentClient !== client) return;
      metricsStarted = true;
      void this.startMetrics(client, query);
    };
    this.feed = new PodFeed({
      client,
      query,
      intervalMs: this.opts.intervalMs,
      watch: this.opts.watch,
      explain: (f, signal) => this.explain(f, client, target, query, signal),
      listener: {
        pods: (rows) => {
          if (this.seen.size < 1000) for (const r of rows) this.seen.add(r.namespace);
          store.dispatch({ type: 'pods', rows, at: this.deps.now() });
          startMetrics();
        },
        changes: (upserts, deletes) => store.dispatch({ type: 'changes', upserts, deletes, at: this.deps.now() }),
        progress: (loaded, total) => store.dispatch({ type: 'loading', loaded, total }),
        failed: (f) => store.dispatch({ type: 'failed', failure: f }),
        waiting: (inFlight) => store.dispatch({ type: 'waiting-server', since: inFlight ? this.deps.now() : undefined }),
        activity: (a) => store.dispatch({ type: 'activity', activity: a && activityAt(a, this.deps.now()) }),
      },
    });
    void this.whoAmI(client);
  }

  /**
   * Starts the usage columns' feed for `client` (only clients that can make raw API calls; fakes
   * may not). Its modules load here, after the first list, not before the first rows.
   */
  private async startMetrics(client: KubeClient, query: PodQuery): Promise<void> {
    const { MetricsFeed, metricsCallerOf } = await import('./metrics-feed.js');
    const caller = metricsCallerOf(client);
    if (!caller || this.currentClient !== client) return;
    const store = this.store;
    this.metricsFeed = new MetricsFeed({
      caller,
      query,
      intervalMs: this.opts.intervalMs,
      nowMs: () => this.deps.now().getTime(),
      listener: {
        state: (probe) => store.dispatch({ type: 'metrics-state', probe }),
        usage: (usage) => store.dispatch({ type: 'usage', usage }),
      },
    });
  }

  /** What the live pipeline knows of context `name`, as a health check's result (live-check.ts). */
  private liveResult(name: string): ContextCheck | undefined {
    if (this.currentTarget?.contextName !== name) return undefined;
    const plain = this.deps.resolve({ context: name });
    return liveCheck({
      name,
      current: this.deps.kubeconfig().current,
      target: this.currentTarget,
      plain: plain.ok ? plain.value : undefined,
      labelSelector: this.labelSelector,
      identity: this.identity,
      state: this.store.getState(),
    });
  }

  /** The latest usage of one pod (for the pod detail screen; see ContainerUsage.tsx). */
  podUsage(namespace: string, name: string): PodUsageView | undefined {
    return this.metricsFeed?.latest(namespace, name);
  }

  /** The server's own answers for a failure, computed once by the core (the session's namespaces are the candidates). */
  private explain(f: Failure, client: KubeClient, target: Target, query: PodQuery, signal: AbortSignal): Promise<Failure> {
    return diagnose(f, client, {
      ...(query.namespace !== undefined ? { namespace: query.namespace } : {}),
      contextNamespace: target.namespace,
      candidateNamespaces: this.knownNamespaces(),
      signal,
    });
  }

  private async whoAmI(client: KubeClient): Promise<void> {
    const signal = this.side.signal;
    const res = await client.whoAmI(signal);
    if (signal.aborted || client !== this.currentClient || !res.ok) return;
    const id = res.value;
    if (id.username === undefined) return;
    this.identity = id.username;
    const groups = id.groups.filter((g) => g !== 'system:authenticated');
    const text = neutralize(id.username) + (groups.length ? ` (${groups.map(neutralize).join(', ')})` : '');
    this.store.dispatch({ type: 'identity', text });
  }

  private stopFeed(): void {
    this.feed?.stop();
    this.feed = undefined;
    this.metricsFeed?.stop();
    this.metricsFeed = undefined;
    this.side.abort();
    this.side = new AbortController();
    const client = this.currentClient;
    this.currentClient = undefined;
    this.identity = undefined;
    if (client) void client.close().catch(() => undefined);
  }

  /** Switches to a context: its own user again, and the namespace it had last in this session. */
  switchContext(name: string): void {
    const remembered = this.namespaces.get(name);
    this.apply(remembered === undefined ? { context: name } : { context: name, namespace: remembered });
  }

  /** Applies a kubeconfig user to the current context's cluster, like `--user`. */
  switchUser(name: string): void {
    this.apply({ ...this.sel, user: name });
  }

  /** Switches namespace (null: all namespaces) and remembers it for this context. */
  switchNamespace(ns: string | null): void {
    this.namespaces.set(this.sel.context, ns);
    this.apply({ ...this.sel, namespace: ns });
  }

  /**
   * Resolves the current selection again (the kubeconfig changed) and restarts on it when the
   * target is different (server, user, credentials, namespace…); true when it restarted.
   */
  reapplyIfChanged(): boolean {
    const next = this.deps.resolve(this.sel);
    if (next.ok && this.currentTarget && JSON.stringify(next.value) === JSON.stringify(this.currentTarget)) return false;
    this.apply(this.sel);
    return true;
  }

  /**
   * Applies the `/` filter's `-l` selector on the server (re-listing when it changed). A new
   * selector is first put to the server: when it refuses it (400), the footer says why and the
   * previous filter stays (see filter-check.ts).
   */
  setFilter(input: string): void {
    const sel = labelSelectorOf(input);
    const check = ++this.filterChecks;
    if (sel === this.labelSelector) {
      this.appliedFilter = input;
      return;
    }
    const previous = this.appliedFilter;
    const use = (): void => {
      this.labelSelector = sel;
      this.appliedFilter = input;
      this.apply(this.sel);
    };
    const client = this.currentClient;
    if (sel === undefined || !client) return use();
    const signal = this.side.signal;
    void checkSelector(client, this.currentQuery?.namespace, sel, signal).then((refused) => {
      if (signal.aborted || check !== this.filterChecks) return;
      if (!refused) return use();
      this.store.dispatch({ type: 'filter-set', text: previous });
      this.store.dispatch({ type: 'message', text: refused });
    });
  }

  /** Before start(): the table starts with `-l selector` (the server applies it; `/` shows it, Esc clears it). */
  startWithSelector(selector: string): void {
    const input = `-l ${selector}`;
    this.labelSelector = labelSelectorOf(input);
    this.appliedFilter = input;
    this.store.dispatch({ type: 'filter-set', text: input });
  }

  /** Refreshes now. */
  refresh(): void {
    if (this.feed) this.feed.refresh();
    else this.apply(this.sel);
  }

  /** The namespace that saving would write (all namespaces saves the context's namespace unchanged). */
  saveNamespace(): string {
    return this.namespaces.get(this.sel.context) ?? this.currentTarget?.namespace ?? 'default';
  }

  /** Stops everything (on quit). */
  async stop(): Promise<void> {
    this.health?.stop();
    this.findings.stop();
    const feed = this.feed;
    const metrics = this.metricsFeed;
    this.stopFeed();
    await Promise.all([feed?.done, metrics?.done]);
  }
}
