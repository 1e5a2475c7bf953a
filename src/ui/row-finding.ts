/**
 * The status line under the table: the selected pod's top finding, from the core's pod diagnosis.
 * The table's rows carry no pod object, so when the cursor rests on a row that is not plainly
 * healthy (Running with every container ready, or Completed) kpods reads that one pod (a single
 * GET, never its events or logs), diagnoses it and caches the line by the row's signature (uid,
 * status, ready, restarts): moving back to a row costs nothing, and a row that changes is read again.
 */
import type { KubeClient, PodRow } from '../core/client/types.js';
import { neutralize } from '../core/terminal-text.js';
import { statusClass } from './rows.js';
import type { Store } from './store.js';

/** How long the cursor must rest on a row before its pod is read (holding `j` reads nothing). */
const REST_MS = 150;
/** Rows whose line is kept. */
const KEEP = 500;

/** What identifies a row's state for the cache: a change of any of these reads the pod again. */
export function rowSignature(row: PodRow): string {
  return `${row.key}|${row.status}|${row.ready}|${row.restarts}`;
}

/** False for a row that needs no explanation: Running with every container ready, or Completed. */
export function needsDiagnosis(row: PodRow): boolean {
  const cls = statusClass(row.status);
  if (cls === 'done') return false;
  if (cls !== 'ok') return true;
  const [ready, total] = row.ready.split('/');
  return ready !== total;
}

interface RowFindingDeps {
  store: Store;
  /** The current client (undefined while not connected). */
  client: () => KubeClient | undefined;
  /** Aborts when the target changes. */
  signal: () => AbortSignal;
  now: () => Date;
  restMs?: number;
}

/** Watches the cursor and fills `rowFinding` in the store. */
export class RowFindings {
  private readonly cache = new Map<string, string | null>();
  private wanted: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(private readonly deps: RowFindingDeps) {
    this.unsubscribe = deps.store.subscribe(() => this.check());
  }

  private check(): void {
    const s = this.deps.store.getState();
    const row = s.table.view[s.table.cursor];
    const sig = row && needsDiagnosis(row) ? rowSignature(row) : undefined;
    if (sig === this.wanted) return;
    this.wanted = sig;
    clearTimeout(this.timer);
    if (!row || !sig) return;
    const cached = this.cache.get(sig);
    if (cached !== undefined) return this.show(sig, cached);
    this.timer = setTimeout(() => void this.load(row, sig), this.deps.restMs ?? REST_MS);
    this.timer.unref?.();
  }

  private show(sig: string, text: string | null): void {
    const cur = this.deps.store.getState().rowFinding;
    if (cur?.sig === sig && (cur.text ?? null) === text) return;
    this.deps.store.dispatch({ type: 'row-finding', sig, ...(text === null ? {} : { text }) });
  }

  private async load(row: PodRow, sig: string): Promise<void> {
    const client = this.deps.client();
    if (!client || this.stopped) return;
    const res = await client.getPodObject(row.namespace, row.name, this.deps.signal());
    if (this.stopped || this.deps.client() !== client) return;
    let text: string | null = null;
    if (res.ok) {
      // Loaded on first use: the diagnosis modules need not load before the first rows.
      const { diagnosePod } = await import('../core/diagnosis/index.js');
      if (this.stopped || this.deps.client() !== client) return;
      const top = diagnosePod({ pod: res.value, now: this.deps.now() })[0];
      if (top) text = `${top.code} · ${neutralize(top.summary)}`;
    } else if (res.failure.code === 'response.not-found') return;
    if (this.cache.size >= KEEP) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(sig, text);
    if (this.wanted === sig) this.show(sig, text);
  }

  /** Forgets every line (a new target). */
  clear(): void {
    this.cache.clear();
    this.wanted = undefined;
    clearTimeout(this.timer);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe();
  }
}
