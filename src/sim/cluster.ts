/**
 * The simulated cluster's state: pods (immutable versions with cached serialisations), the
 * resourceVersion counter, a bounded event history for watches, namespaces, and the faults
 * tests switch at runtime. Every change bumps the resourceVersion and reaches watchers.
 */
import type { Pod } from '../core/pods/pod-types.js';
import type { PodSeed } from './pod-states.js';
import { PodVersion } from './pod-version.js';

export { PodVersion, type PodInfo } from './pod-version.js';
import { NAMESPACES } from './workloads.js';

/** A fault the server applies to API requests. */
export type Fault = 'server-error' | 'unavailable' | 'throttle' | 'slow' | 'reset' | 'html' | 'flaky';

/** A change, as watchers see it. */
export interface ClusterEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  rv: number;
  version: PodVersion;
}

/** A namespace of the simulated cluster. */
export interface NamespaceInfo {
  name: string;
  uid: string;
  createdAt: number;
  phase: 'Active' | 'Terminating';
}

const HISTORY = 50_000;

/** The mutable cluster; the server reads it and tests drive it. */
export class Cluster {
  private rv = 1000;
  private readonly pods = new Map<string, PodVersion>();
  private order: string[] = [];
  private events: ClusterEvent[] = [];
  private eventStart = 0;
  private oldest = 1000;
  private readonly watchers = new Set<(e: ClusterEvent) => void>();
  private readonly nsFaults = new Map<string, Fault>();
  private readonly faultListeners = new Set<() => void>();
  /** The fault applied to every API request (null: healthy). */
  fault: Fault | null = null;
  /** Delay used by the `slow` fault, in milliseconds. */
  slowMs = 1500;
  readonly namespaces: NamespaceInfo[];
  constructor(readonly startedAt: number) {
    this.namespaces = NAMESPACES.map((name, i) => ({
      name,
      uid: `5e1d0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      createdAt: startedAt - 400 * 86400_000,
      phase: 'Active' as const,
    }));
  }

  /** The current resourceVersion (a string, as the API returns it). */
  get resourceVersion(): string {
    return String(this.rv);
  }
  /** The oldest resourceVersion a watch or continue token may still start from. */
  get oldestResourceVersion(): number {
    return this.oldest;
  }
  /** Number of pods. */
  get size(): number {
    return this.pods.size;
  }

  /** Switches the global fault (null: healthy). */
  setFault(fault: Fault | null): void {
    this.fault = fault;
    if (fault) for (const fn of [...this.faultListeners]) fn();
  }
  /** Calls `fn` when a fault is switched on (open watches end so clients meet the fault). */
  onFaultChange(fn: () => void): void {
    this.faultListeners.add(fn);
  }
  /** Removes a listener added with onFaultChange. */
  offFaultChange(fn: () => void): void {
    this.faultListeners.delete(fn);
  }
  /** Makes requests for one namespace's pods fail (null: healthy). */
  setNamespaceFault(namespace: string, fault: Fault | null): void {
    if (fault) this.nsFaults.set(namespace, fault);
    else this.nsFaults.delete(namespace);
  }
  /** The fault for one namespace, if any. */
  namespaceFault(namespace: string): Fault | undefined {
    return this.nsFaults.get(namespace);
  }

  /** Adds a namespace (no-op if it exists). */
  addNamespace(name: string): void {
    if (!this.namespaces.some((n) => n.name === name)) {
      this.namespaces.push({
        name,
        uid: `5e1d0000-0000-4000-8000-${String(this.namespaces.length).padStart(12, '0')}`,
        createdAt: this.startedAt,
        phase: 'Active',
      });
    }
  }

  /** Loads generated pods without events (used at start). */
  seedPods(seeds: PodSeed[]): void {
    for (const seed of seeds) {
      const key = `${seed.namespace}/${seed.name}`;
      this.pods.set(key, new PodVersion(key, String(++this.rv), undefined, seed));
    }
    this.order = [...this.pods.keys()].sort();
    this.oldest = this.rv;
  }

  /** Creates or replaces a pod from a full Pod object; returns its resourceVersion. */
  putPod(pod: Pod): string {
    const ns = pod.metadata?.namespace ?? 'default';
    const name = pod.metadata?.name ?? '';
    this.addNamespace(ns);
    const copy = structuredClone(pod);
    delete copy.kind;
    delete copy.apiVersion;
    return this.commit(`${ns}/${name}`, copy, undefined);
  }

  /** Creates or replaces a generated pod from its seed. */
  putSeed(seed: PodSeed): string {
    return this.commit(`${seed.namespace}/${seed.name}`, undefined, seed);
  }

  /** Applies `change` to a copy of a pod (by namespace and name); false when it does not exist. */
  updatePod(namespace: string, name: string, change: (pod: Pod) => Pod | void): boolean {
    const current = this.pods.get(`${namespace}/${name}`);
    if (!current) return false;
    const copy = structuredClone(current.pod);
    const changed = change(copy) ?? copy;
    this.commit(current.key, changed, undefined);
    return true;
  }

  /** Deletes a pod at once (a DELETED event); false when it does not exist. */
  deletePod(namespace: string, name: string): boolean {
    const key = `${namespace}/${name}`;
    const current = this.pods.get(key);
    if (!current) return false;
    const rv = ++this.rv;
    let pod: Pod | undefined;
    if (!current.seed) {
      pod = structuredClone(current.pod);
      pod.metadata = { ...pod.metadata, resourceVersion: String(rv) };
    }
    this.pods.delete(key);
    const i = this.indexOf(key);
    if (this.order[i] === key) this.order.splice(i, 1);
    this.emit({ type: 'DELETED', rv, version: new PodVersion(key, String(rv), pod, current.seed) });
    return true;
  }

  /** One pod, or undefined. */
  getPod(namespace: string, name: string): PodVersion | undefined {
    return this.pods.get(`${namespace}/${name}`);
  }

  /** Pods in key order (namespace, then name), optionally in one namespace, starting after `afterKey`. */
  *iterate(namespace?: string, afterKey?: string): Generator<PodVersion> {
    const prefix = namespace === undefined ? '' : `${namespace}/`;
    let i = afterKey !== undefined && afterKey >= prefix ? this.upperBound(afterKey) : this.indexOf(prefix);
    for (; i < this.order.length; i++) {
      const key = this.order[i]!;
      if (!key.startsWith(prefix)) break;
      const v = this.pods.get(key);
      if (v) yield v;
    }
  }

  /** Computes pod infos in the background, a slice per event-loop turn; returns a stop function. */
  warmInBackground(slice = 250): () => void {
    let i = 0;
    let stopped = false;
    const step = () => {
      if (stopped) return;
      const end = Math.min(i + slice, this.order.length);
      for (; i < end; i++) this.pods.get(this.order[i]!)?.warm(true);
      if (i < this.order.length) setImmediate(step);
    };
    setImmediate(step);
    return () => {
      stopped = true;
    };
  }

  /** Index range [from, to) of `keys()` for a namespace (or all), starting after `afterKey`. */
  range(namespace?: string, afterKey?: string): { from: number; to: number } {
    if (namespace === undefined) return { from: afterKey !== undefined ? this.upperBound(afterKey) : 0, to: this.order.length };
    const prefix = `${namespace}/`;
    const lo = this.indexOf(prefix);
    const hi = this.indexOf(`${namespace}0`); // '0' follows '/' in code-unit order
    return { from: afterKey !== undefined && afterKey >= prefix ? Math.max(lo, this.upperBound(afterKey)) : lo, to: hi };
  }
  /** Pod keys in order (do not mutate). */
  keys(): readonly string[] {
    return this.order;
  }
  /** The current version for a key. */
  byKey(key: string): PodVersion | undefined {
    return this.pods.get(key);
  }

  /** All generated (seeded) pods, for churn. */
  seededKeys(): string[] {
    return this.order;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(fn: (e: ClusterEvent) => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  /** Events after `rv`, or undefined when that version is older than the kept history. */
  eventsSince(rv: number): ClusterEvent[] | undefined {
    if (rv < this.oldest) return undefined;
    const out: ClusterEvent[] = [];
    for (let i = this.eventStart; i < this.events.length; i++) {
      const e = this.events[i]!;
      if (e.rv > rv) out.push(e);
    }
    return out;
  }

  /** Forgets the event history, so older resourceVersions and continue tokens expire (410). */
  compact(): void {
    this.events = [];
    this.eventStart = 0;
    this.oldest = ++this.rv;
  }

  private commit(key: string, pod: Pod | undefined, seed: PodSeed | undefined): string {
    const rv = ++this.rv;
    const existed = this.pods.has(key);
    if (pod) pod.metadata = { ...pod.metadata, resourceVersion: String(rv) };
    const version = new PodVersion(key, String(rv), pod, pod ? undefined : seed);
    this.pods.set(key, version);
    if (!existed) {
      const i = this.indexOf(key);
      this.order.splice(i, 0, key);
    }
    this.emit({ type: existed ? 'MODIFIED' : 'ADDED', rv, version });
    return String(rv);
  }

  private emit(e: ClusterEvent): void {
    this.events.push(e);
    if (this.events.length - this.eventStart > HISTORY) {
      this.oldest = this.events[this.eventStart]!.rv;
      this.eventStart++;
      if (this.eventStart > HISTORY) {
        this.events = this.events.slice(this.eventStart);
        this.eventStart = 0;
      }
    }
    for (const w of [...this.watchers]) w(e);
  }

  /** First index whose key is >= `key`. */
  private indexOf(key: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose key is > `key`. */
  private upperBound(key: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
