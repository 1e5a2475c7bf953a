/**
 * The simulator's core/v1 Events: a store per cluster, holding the two shapes kube-apiserver holds
 * (old-style from the kubelet's recorder: count, firstTimestamp/lastTimestamp, source; new-style
 * from events.k8s.io/v1 writers such as kube-scheduler: eventTime, series, reportingComponent).
 */
import type { Cluster } from './cluster.js';
import type { Pod } from '../core/pods/pod-types.js';
import { iso } from './kube-time.js';
import { uidFor } from './workloads.js';

/** A core/v1 Event as stored (every field as kube-apiserver serialises it). */
export interface SimEvent {
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp: string };
  involvedObject: {
    kind: string;
    namespace: string;
    name: string;
    uid: string;
    apiVersion: string;
    resourceVersion?: string;
    fieldPath?: string;
  };
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  count?: number;
  type: 'Normal' | 'Warning';
  eventTime: string | null;
  series?: { count: number; lastObservedTime: string };
  action?: string;
  reportingComponent: string;
  reportingInstance: string;
}

/** What a scenario says about one event (times in epoch ms). */
export interface EventSpec {
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  /** The container the event is about (fieldPath spec.containers{C} or spec.initContainers{C}). */
  container?: string;
  init?: boolean;
  first: number;
  last?: number;
  count?: number;
  /** 'kubelet' (default), 'default-scheduler' (new-style, with series when count > 1), or another controller (old-style). */
  from?: string;
}

const stores = new WeakMap<Cluster, EventStore>();

/** The events of a cluster (created on first use). */
export function eventStoreOf(cluster: Cluster): EventStore {
  let s = stores.get(cluster);
  if (!s) {
    s = new EventStore(cluster);
    stores.set(cluster, s);
  }
  return s;
}

/** MicroTime as kube-apiserver writes it (six fractional digits). */
function micro(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** A cluster's events, in key order (namespace, then name), as etcd lists them. */
class EventStore {
  private readonly items = new Map<string, SimEvent>();
  constructor(private readonly cluster: Cluster) {}

  /** Adds an event about a pod, built from a spec as the kubelet or the scheduler would record it. */
  addForPod(pod: Pod, spec: EventSpec): SimEvent {
    const ns = pod.metadata?.namespace ?? 'default';
    const podName = pod.metadata?.name ?? '';
    const from = spec.from ?? 'kubelet';
    const node = pod.spec?.nodeName ?? '';
    const last = spec.last ?? spec.first;
    const count = spec.count ?? 1;
    const name = `${podName}.${(spec.first * 1000 + this.items.size).toString(16).padStart(16, '0').slice(-16)}`;
    const fieldPath = spec.container ? `spec.${spec.init ? 'initContainers' : 'containers'}{${spec.container}}` : undefined;
    const rv = this.cluster.resourceVersion;
    const base = {
      metadata: { name, namespace: ns, uid: uidFor(`event/${ns}/${name}`), resourceVersion: rv, creationTimestamp: iso(spec.first) },
      involvedObject: {
        kind: 'Pod',
        namespace: ns,
        name: podName,
        uid: pod.metadata?.uid ?? '',
        apiVersion: 'v1',
        ...(pod.metadata?.resourceVersion ? { resourceVersion: pod.metadata.resourceVersion } : {}),
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason: spec.reason,
      message: spec.message,
      type: spec.type ?? 'Warning',
    };
    const ev: SimEvent =
      from === 'default-scheduler'
        ? {
            ...base,
            source: {},
            firstTimestamp: null,
            lastTimestamp: null,
            eventTime: micro(spec.first),
            ...(count > 1 ? { series: { count, lastObservedTime: micro(last) } } : {}),
            action: spec.reason === 'Scheduled' ? 'Binding' : 'Scheduling',
            reportingComponent: 'default-scheduler',
            reportingInstance: 'default-scheduler-control-plane',
          }
        : {
            ...base,
            source: from === 'kubelet' ? { component: 'kubelet', host: node } : { component: from },
            firstTimestamp: iso(spec.first),
            lastTimestamp: iso(last),
            count,
            eventTime: null,
            reportingComponent: from,
            reportingInstance: from === 'kubelet' ? node : '',
          };
    this.items.set(`${ns}/${name}`, ev);
    return ev;
  }

  /** Removes every event about one object (e.g. when its pod goes). */
  removeFor(namespace: string, name: string): void {
    for (const [k, e] of this.items) if (e.involvedObject.namespace === namespace && e.involvedObject.name === name) this.items.delete(k);
  }

  /** Events in key order, optionally of one namespace. */
  list(namespace?: string): SimEvent[] {
    const out = [...this.items.entries()].filter(([, e]) => namespace === undefined || e.metadata.namespace === namespace);
    out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return out.map(([, e]) => e);
  }

  get(namespace: string, name: string): SimEvent | undefined {
    return this.items.get(`${namespace}/${name}`);
  }
}
