/**
 * The UI session: the current selection (context, user override, namespace) resolved to a
 * target, the client for it and the pod feed that fills the table. Everything it learns becomes
 * a store Action. Later feeds (logs, the detail loader) hang off it the same way: started for
 * the current client, stopped when the target changes.
 */
import { HealthCache, type ContextCheck } from '../core/health/index.js';
import { liveCheck } from './live-check.js';
import { diagnose } from '../core/client/diagnose.js';
import type { KubeClient, PodQuery } from '../core/client/types.js';
import type { Failure } from '../core/failure.js';
import type { Target } from '../core/target.js';
import { neutralize } from '../core/terminal-text.js';
import type { PodFeed } from './pod-feed.js';
import type { MetricsFeed } from './metrics-feed.js';
import { ServerFilter } from './server-filter.js';
import { RowFindings } from './row-finding.js';
import type { Store } from './store.js';
import type { KubeconfigView, Selection, SessionDeps, SessionOptions } from './session-types.js';
import { NamespaceMemory } from './namespace-memory.js';
import { startFeeds } from './session-feeds.js';
import { unresolvedTarget } from './unresolved-target.js';

/** Drives one kpods session. */
export class UiSession {
  private feed: PodFeed | undefined;
  /** Usage for the usage columns (only for clients that can make raw API calls; fakes may not). */
  private metricsFeed: MetricsFeed | undefined;
  private currentClient: KubeClient | undefined;
  private currentTarget: Target | undefined;
  private sel: Selection;
  /** Each context's last namespace while kpods runs, and the namespaces seen in lists. */
  private readonly namespaces = new NamespaceMemory();
  private side = new AbortController();
  /** The `-l` selector of the `/` filter, applied by the server. */
  private readonly filter: ServerFilter;
  /** The username the server reported for the current client. */
  private identity: string | undefined;
  private currentQuery: PodQuery | undefined;

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
    this.filter = new ServerFilter(store);
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
    return this.namespaces.chosenFor(this.sel.context);
  }

  /** Remembers namespaces learnt from a list (namespace picker). */
  noteNamespaces(names: readonly string[]): void {
    this.namespaces.note(names);
  }

  /**
   * Namespaces worth checking for permission when the server will not list them, most relevant
   * first: the target's, the kubeconfig contexts', those chosen this session, those seen in lists.
   */
  knownNamespaces(): string[] {
    return this.namespaces.known(this.currentTarget?.namespace, this.deps.kubeconfig().contexts);
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
      this.store.dispatch({ type: 'target', target: unresolvedTarget(sel, this.deps.kubeconfig()) });
      this.store.dispatch({ type: 'failed', failure: resolved.failure });
      return;
    }
    const target = resolved.value;
    const store = this.store;
    store.dispatch({ type: 'activity' });
    if (target.contextName) this.sel = { ...sel, context: target.contextName };
    const namespace = this.namespaceOf(sel, target);
    this.namespaces.choose(this.sel.context, namespace ?? null);
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
        feed: { watch: this.opts.watch, intervalMs: this.opts.intervalMs },
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
      ...(this.filter.labelSelector ? { labelSelector: this.filter.labelSelector } : {}),
    };
    this.currentQuery = query;
    this.feed = startFeeds({
      client,
      query,
      opts: this.opts,
      store,
      now: () => this.deps.now(),
      explain: (f, signal) => this.explain(f, client, target, query, signal),
      listed: (rows) => this.namespaces.noteRows(rows),
      metricsStarted: (feed) => (this.metricsFeed = feed),
      current: () => this.currentClient === client,
    });
    void this.whoAmI(client);
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
      labelSelector: this.filter.labelSelector,
      identity: this.identity,
      state: this.store.getState(),
    });
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
    const remembered = this.namespaces.chosenFor(name);
    this.apply(remembered === undefined ? { context: name } : { context: name, namespace: remembered });
  }

  /** Applies a kubeconfig user to the current context's cluster, like `--user`. */
  switchUser(name: string): void {
    this.apply({ ...this.sel, user: name });
  }

  /** Switches namespace (null: all namespaces) and remembers it for this context. */
  switchNamespace(ns: string | null): void {
    this.namespaces.choose(this.sel.context, ns);
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

  /** Applies the `/` filter's `-l` selector on the server (see server-filter.ts). */
  setFilter(input: string): void {
    const namespace = this.currentQuery?.namespace;
    this.filter.set(input, { client: this.currentClient, namespace, signal: this.side.signal, relist: () => this.apply(this.sel) });
  }

  /** Before start(): the table starts with `-l selector` (the server applies it; `/` shows it, Esc clears it). */
  startWithSelector(selector: string): void {
    this.filter.startWith(selector);
  }

  /** Refreshes now. */
  refresh(): void {
    if (this.feed) this.feed.refresh();
    else this.apply(this.sel);
  }

  /** The namespace that saving would write (all namespaces saves the context's namespace unchanged). */
  saveNamespace(): string {
    return this.namespaces.chosenFor(this.sel.context) ?? this.currentTarget?.namespace ?? 'default';
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
