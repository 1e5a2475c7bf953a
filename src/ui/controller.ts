/**
 * The UI's effects: resolves the chosen context/user/namespace to a target, runs the pod feed
 * for it, fills the pickers and saves the choice. Everything it learns becomes a store Action.
 */
import { findNamespacesAllowingPods } from '../core/client/allowed-namespaces.js';
import type { KubeClient, PodQuery } from '../core/client/types.js';
import { failure, type Failure, type Result } from '../core/failure.js';
import type { Target } from '../core/target.js';
import { neutralize } from '../core/terminal-text.js';
import { PodFeed } from './pod-feed.js';
import { labelSelectorOf } from './rows.js';
import { estimateCreated } from './age.js';
import { pickerChoice, type PickerItem, type PickerKind } from './state.js';
import type { Store } from './store.js';

/** One context as the pickers show it. */
export interface ContextEntry {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

/** What the pickers need from the merged kubeconfig. */
export interface KubeconfigView {
  current?: string;
  contexts: ContextEntry[];
  users: string[];
}

/** A choice of context, user override and namespace (null: all namespaces). */
export interface Selection {
  context: string;
  user?: string;
  namespace?: string | null;
}

/** The outside world, injected so the UI can be tested against fakes or the simulator. */
export interface UiDeps {
  now(): Date;
  kubeconfig(): KubeconfigView;
  resolve(sel: Selection): Result<Target>;
  createClient(target: Target): KubeClient;
  /** Adds the server's own answers to a failure (identity, where listing pods is allowed). */
  explain?(failure: Failure, client: KubeClient, target: Target, query: PodQuery, signal: AbortSignal): Promise<Failure>;
  /** When the credential of `target` expires, if known. */
  expiry?(target: Target): Date | undefined;
  /** One line saying which file saving would change and how. */
  savePreview(context: string, namespace: string): string;
  save(context: string, namespace: string): Promise<Result<string>>;
}

export interface ControllerOptions {
  intervalMs: number;
  watch: boolean;
}

/** Drives one kpods session. */
export class Controller {
  private feed: PodFeed | undefined;
  private client: KubeClient | undefined;
  private target: Target | undefined;
  private sel: Selection;
  /** Each context's last namespace while kpods runs (null: all namespaces). */
  private readonly namespaces = new Map<string, string | null>();
  private side = new AbortController();
  /** The `-l` selector of the `/` filter, applied by the server. */
  private labelSelector: string | undefined;
  /** Namespaces seen in any pod list this session (candidates when listing namespaces is forbidden). */
  private readonly seen = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly deps: UiDeps,
    private readonly opts: ControllerOptions,
    initial: Selection,
  ) {
    this.sel = initial;
  }

  /** Starts on the initial selection. */
  start(): void {
    this.apply(this.sel);
  }

  /** The current selection (for tests and the save preview). */
  get selection(): Selection {
    return { ...this.sel };
  }

  private namespaceOf(sel: Selection, target: Target): string | undefined {
    if (sel.namespace === null) return undefined;
    return sel.namespace ?? target.namespace;
  }

  private apply(sel: Selection): void {
    this.stopFeed();
    this.sel = sel;
    const resolved = this.deps.resolve(sel);
    if (!resolved.ok) {
      this.target = undefined;
      const contextEntry = this.deps.kubeconfig().contexts.find((c) => c.name === sel.context);
      this.store.dispatch({
        type: 'target',
        target: {
          context: sel.context,
          cluster: contextEntry?.cluster ?? '',
          server: '',
          user: sel.user ?? contextEntry?.user ?? '',
          userOverridden: sel.user !== undefined,
          namespace: sel.namespace ?? undefined,
        },
      });
      this.store.dispatch({ type: 'failed', failure: resolved.failure });
      return;
    }
    const target = resolved.value;
    if (target.contextName) this.sel = { ...sel, context: target.contextName };
    const namespace = this.namespaceOf(sel, target);
    this.namespaces.set(this.sel.context, namespace ?? null);
    this.target = target;
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
    const client = this.deps.createClient(target);
    this.client = client;
    const query: PodQuery = {
      ...(namespace === undefined ? {} : { namespace }),
      ...(this.labelSelector ? { labelSelector: this.labelSelector } : {}),
    };
    const store = this.store;
    const explain = this.deps.explain;
    this.feed = new PodFeed({
      client,
      query,
      intervalMs: this.opts.intervalMs,
      watch: this.opts.watch,
      explain: async (f, signal) => this.explain(explain ? await explain(f, client, target, query, signal) : f, client, query, signal),
      listener: {
        pods: (rows) => {
          if (this.seen.size < 1000) for (const r of rows) this.seen.add(r.namespace);
          const at = this.deps.now();
          store.dispatch({ type: 'pods', rows: estimateCreated(rows, at), at });
        },
        changes: (upserts, deletes) => {
          const at = this.deps.now();
          store.dispatch({ type: 'changes', upserts: estimateCreated(upserts, at), deletes, at });
        },
        progress: (loaded, total) => store.dispatch({ type: 'loading', loaded, total }),
        failed: (f) => store.dispatch({ type: 'failed', failure: f }),
      },
    });
    void this.whoAmI(client);
  }

  /** For a 403, adds the namespaces kpods has seen this session where listing pods is allowed. */
  private async explain(f: Failure, client: KubeClient, query: PodQuery, signal: AbortSignal): Promise<Failure> {
    if (f.code !== 'authorization.forbidden') return f;
    const candidates = [...this.knownNamespaces()]
      .filter((ns) => ns !== query.namespace && !f.hints.some((h) => h.includes(ns)))
      .slice(0, 40);
    const answers = await Promise.all(candidates.map(async (ns) => ({ ns, r: await client.canI('list', 'pods', ns, signal) })));
    const allowed = answers.filter((a) => a.r.ok && a.r.value).map((a) => neutralize(a.ns));
    if (allowed.length === 0) return f;
    return { ...f, hints: [...f.hints, `Namespaces kpods has seen where you may list pods: ${allowed.join(', ')} (press n to switch).`] };
  }

  private knownNamespaces(): Set<string> {
    const known = new Set<string>();
    if (this.target?.namespace) known.add(this.target.namespace);
    for (const c of this.deps.kubeconfig().contexts) if (c.namespace) known.add(c.namespace);
    for (const ns of this.namespaces.values()) if (ns) known.add(ns);
    for (const ns of this.seen) known.add(ns);
    known.add('default');
    return known;
  }

  private async whoAmI(client: KubeClient): Promise<void> {
    const signal = this.side.signal;
    const res = await client.whoAmI(signal);
    if (signal.aborted || client !== this.client || !res.ok) return;
    const id = res.value;
    if (id.username === undefined) return;
    const groups = id.groups.filter((g) => g !== 'system:authenticated');
    const text = neutralize(id.username) + (groups.length ? ` (${groups.map(neutralize).join(', ')})` : '');
    this.store.dispatch({ type: 'identity', text });
  }

  private stopFeed(): void {
    this.feed?.stop();
    this.feed = undefined;
    this.side.abort();
    this.side = new AbortController();
    const client = this.client;
    this.client = undefined;
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

  /** Applies the `/` filter's `-l` selector on the server (re-listing when it changed). */
  setFilter(input: string): void {
    const sel = labelSelectorOf(input);
    if (sel === this.labelSelector) return;
    this.labelSelector = sel;
    this.apply(this.sel);
  }

  /** Refreshes now. */
  refresh(): void {
    if (this.feed) this.feed.refresh();
    else this.apply(this.sel);
  }

  /** Opens a picker and fills it. */
  openPicker(kind: PickerKind): void {
    this.store.dispatch({ type: 'picker-open', kind });
    if (kind === 'namespaces') {
      void this.namespaceItems();
      return;
    }
    const view = this.deps.kubeconfig();
    if (kind === 'contexts') {
      const items: PickerItem[] = view.contexts.map((c) => ({
        id: c.name,
        label: c.name,
        detail: `cluster ${c.cluster}  user ${c.user}  namespace ${c.namespace ?? 'default'}`,
        current: c.name === this.sel.context,
      }));
      this.store.dispatch({ type: 'picker-items', items, note: items.length ? undefined : 'no contexts in the kubeconfig' });
    } else {
      const mine = this.target?.userName;
      const items: PickerItem[] = view.users.map((u) => ({ id: u, label: u, current: u === mine }));
      this.store.dispatch({
        type: 'picker-items',
        items,
        note: `applied to cluster ${this.target?.clusterName ?? '?'}; pick context again to drop the override`,
      });
    }
  }

  private async namespaceItems(): Promise<void> {
    const client = this.client;
    const signal = this.side.signal;
    const current = this.sel.namespace === null ? undefined : this.target?.namespace;
    const chosen = this.namespaces.get(this.sel.context);
    const all: PickerItem = { id: '\u0000all', label: 'all namespaces', current: chosen === null };
    const mark = (ns: string): PickerItem => ({ id: ns, label: neutralize(ns), current: chosen !== null && ns === (chosen ?? current) });
    if (!client) {
      this.store.dispatch({ type: 'picker-items', items: [all], acceptTyped: true, note: 'not connected; type a namespace' });
      return;
    }
    const res = await client.listNamespaces(signal);
    if (signal.aborted) return;
    if (res.ok) {
      for (const ns of res.value.slice(0, 1000)) this.seen.add(ns);
      this.store.dispatch({ type: 'picker-items', items: [all, ...res.value.map(mark)], acceptTyped: true });
      return;
    }
    // Listing namespaces is not allowed (or failed): offer the namespaces we know of where listing pods is.
    const known = this.knownNamespaces();
    if (current) known.add(current);
    // Their rules reviews may also name namespaces (get on namespaces by name), which are checked too.
    const { allowed } = await findNamespacesAllowingPods(client, [...known], signal);
    if (signal.aborted) return;
    const why = res.failure.code === 'authorization.forbidden' ? 'listing namespaces is forbidden' : 'namespaces could not be listed';
    this.store.dispatch({
      type: 'picker-items',
      items: [all, ...allowed.map(mark)],
      acceptTyped: true,
      note: `${why}; type a name, or pick one where you may list pods`,
    });
  }

  /** Applies the picker's choice. */
  choose(): void {
    const p = this.store.getState().picker;
    if (!p) return;
    const choice = pickerChoice(p);
    this.store.dispatch({ type: 'picker-close' });
    if (!choice) return;
    if (p.kind === 'contexts') this.switchContext(choice.id);
    else if (p.kind === 'users') this.switchUser(choice.id);
    else this.switchNamespace(choice.id === '\u0000all' ? null : choice.id);
  }

  /** The namespace that saving would write (all namespaces saves the context's namespace unchanged). */
  private saveNamespace(): string {
    return this.namespaces.get(this.sel.context) ?? this.target?.namespace ?? 'default';
  }

  /** Shows what saving would change. */
  requestSave(): void {
    this.store.dispatch({ type: 'save-open', preview: this.deps.savePreview(this.sel.context, this.saveNamespace()) });
  }

  /** Saves the current context and namespace to the kubeconfig. */
  async confirmSave(): Promise<void> {
    this.store.dispatch({ type: 'screen', screen: 'table' });
    const res = await this.deps.save(this.sel.context, this.saveNamespace()).catch((e: unknown) => ({
      ok: false as const,
      failure: failure('kubeconfig.write-failed', `Saving failed: ${e instanceof Error ? e.message : String(e)}`),
    }));
    this.store.dispatch({ type: 'message', text: res.ok ? `saved: ${res.value}` : `not saved: ${res.failure.summary}` });
  }

  /** Stops everything (on quit). */
  async stop(): Promise<void> {
    const feed = this.feed;
    this.stopFeed();
    await feed?.done;
  }
}
