/** An in-memory KubeClient for reducer/component tests (the whole-app tests use the simulator). */
import type { KubeClient, ListOptions, PodEvent, PodList, PodQuery, PodRow } from '../../src/core/client/types.js';
import { failure, type Failure, type Result } from '../../src/core/failure.js';
import { matchesFilter, parseLabelSelector } from '../../src/ui/rows.js';

/** A pod row with sensible defaults. */
export function row(name: string, over: Partial<PodRow> = {}): PodRow {
  return {
    key: over.key ?? `uid-${over.namespace ?? 'default'}-${name}`,
    namespace: 'default',
    name,
    ready: '1/1',
    status: 'Running',
    restarts: '0',
    restartCount: 0,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ip: '10.0.0.1',
    node: 'node-1',
    nominatedNode: '<none>',
    readinessGates: '<none>',
    labels: {},
    ...over,
  };
}

/** A scripted client: set `rows` or `fail`, inspect `calls`. */
export class FakeClient implements KubeClient {
  rows: PodRow[] = [];
  fail: Failure | undefined;
  namespaces: Result<string[]> = { ok: true, value: ['default', 'kube-system'] };
  allowed = new Set<string>();
  calls: PodQuery[] = [];
  /** The options of each listPods call, in order. */
  options: ListOptions[] = [];
  inFlight = 0;
  maxInFlight = 0;
  closed = false;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;
  watchers: Array<(e: PodEvent) => void> = [];
  endWatch: ((r: Result<{ resourceVersion?: string }>) => void) | undefined;

  /** Makes the next listPods calls wait until `release()`. */
  hold(): void {
    this.gate = new Promise((r) => (this.openGate = r));
  }
  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async listPods(query: PodQuery, opts: ListOptions = {}): Promise<Result<PodList>> {
    this.calls.push(query);
    this.options.push(opts);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate;
      if (this.fail) return { ok: false, failure: this.fail };
      const sel = query.labelSelector ? (parseLabelSelector(query.labelSelector) ?? []) : [];
      const rows = this.rows.filter(
        (r) => (query.namespace === undefined || r.namespace === query.namespace) && matchesFilter(r, { text: '', labels: sel }),
      );
      return { ok: true, value: { rows, resourceVersion: '100' } };
    } finally {
      this.inFlight--;
    }
  }
  watchPods(
    _q: PodQuery,
    _rv: string,
    onEvent: (e: PodEvent) => void,
    signal?: AbortSignal,
  ): Promise<Result<{ resourceVersion?: string }>> {
    this.watchers.push(onEvent);
    return new Promise((resolve) => {
      this.endWatch = resolve;
      signal?.addEventListener('abort', () => resolve({ ok: true, value: {} }), { once: true });
    });
  }
  async listNamespaces(): Promise<Result<string[]>> {
    return this.namespaces;
  }
  async whoAmI() {
    return { ok: true as const, value: { username: 'tester', groups: ['devs', 'system:authenticated'] } };
  }
  async canI(_v: string, _r: string, ns: string | undefined): Promise<Result<boolean>> {
    return { ok: true, value: ns !== undefined && this.allowed.has(ns) };
  }
  async rules() {
    return { ok: true as const, value: [] };
  }
  async version() {
    return { ok: true as const, value: { gitVersion: 'v1.32.0' } };
  }
  async accessReview(a: { verb: string; resource: string; namespace?: string }): Promise<Result<{ allowed: boolean }>> {
    const r = await this.canI(a.verb, a.resource, a.namespace);
    return r.ok ? { ok: true, value: { allowed: r.value } } : r;
  }
  // The detail/log/delete verbs are not scripted here yet: they answer with a failure.
  async getPodObject(): Promise<Result<never>> {
    return notScripted('getPodObject');
  }
  async listEvents(): Promise<Result<never>> {
    return notScripted('listEvents');
  }
  async openLog(): Promise<Result<never>> {
    return notScripted('openLog');
  }
  async readLog(): Promise<Result<never>> {
    return notScripted('readLog');
  }
  async deletePod(): Promise<Result<never>> {
    return notScripted('deletePod');
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function notScripted(verb: string): Result<never> {
  return { ok: false, failure: failure('response.invalid', `FakeClient.${verb} is not scripted.`) };
}

/** A 403 like the client returns. */
export const forbidden = failure(
  'authorization.forbidden',
  'User "dev" may not list pods in namespace "prod".',
  ['You may list pods in: dev'],
  'server: pods is forbidden',
);
