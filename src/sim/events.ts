/**
 * core/v1 Events for the simulator: a store per cluster, the two shapes kube-apiserver holds
 * (old-style from the kubelet's recorder: count, firstTimestamp/lastTimestamp, source; new-style
 * from events.k8s.io/v1 writers such as kube-scheduler: eventTime, series, reportingComponent),
 * and GET /api/v1/events, /api/v1/namespaces/NS/events[/NAME] as EventList or Table, with the
 * field selectors kubectl describe uses (involvedObject.name/namespace/uid/kind, …).
 */
import type { Cluster } from './cluster.js';
import type { Pod } from '../core/pods/pod-types.js';
import { timestampSince } from '../core/pods/human-duration.js';
import { iso } from './kube-time.js';
import { parseFieldSelector } from './selectors.js';
import { badRequest, notFound, type Reply } from './status.js';
import { includeObjectOf } from './lists.js';
import { tableJson } from './table.js';
import type { Negotiated } from './negotiate.js';
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
export class EventStore {
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

/** The field selectors kube-apiserver accepts on events (pkg/registry/core/event/strategy.go). */
const EVENT_FIELDS: Record<string, (e: SimEvent) => string> = {
  'metadata.name': (e) => e.metadata.name,
  'metadata.namespace': (e) => e.metadata.namespace,
  'involvedObject.kind': (e) => e.involvedObject.kind,
  'involvedObject.namespace': (e) => e.involvedObject.namespace,
  'involvedObject.name': (e) => e.involvedObject.name,
  'involvedObject.uid': (e) => e.involvedObject.uid,
  'involvedObject.apiVersion': (e) => e.involvedObject.apiVersion,
  'involvedObject.resourceVersion': (e) => e.involvedObject.resourceVersion ?? '',
  'involvedObject.fieldPath': (e) => e.involvedObject.fieldPath ?? '',
  reason: (e) => e.reason,
  reportingComponent: (e) => e.reportingComponent,
  source: (e) => e.source.component ?? '',
  type: (e) => e.type,
};

const EVENT_COLUMNS = JSON.stringify([
  {
    name: 'Last Seen',
    type: 'string',
    format: '',
    description: 'The time at which the most recent occurrence of this event was recorded.',
    priority: 0,
  },
  {
    name: 'Type',
    type: 'string',
    format: '',
    description: 'Type of this event (Normal, Warning), new types could be added in the future',
    priority: 0,
  },
  {
    name: 'Reason',
    type: 'string',
    format: '',
    description:
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    priority: 0,
  },
  { name: 'Object', type: 'string', format: '', description: 'The object that this event is about.', priority: 0 },
  {
    name: 'Subobject',
    type: 'string',
    format: '',
    description:
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
    priority: 1,
  },
  {
    name: 'Source',
    type: 'string',
    format: '',
    description: 'The component reporting this event. Should be a short machine understandable string.',
    priority: 1,
  },
  {
    name: 'Message',
    type: 'string',
    format: '',
    description: 'A human-readable description of the status of this operation.',
    priority: 0,
  },
  {
    name: 'First Seen',
    type: 'string',
    format: '',
    description: 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
    priority: 1,
  },
  { name: 'Count', type: 'string', format: '', description: 'The number of times this event has occurred.', priority: 1 },
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 1 },
]);

/** printEvent of kube-apiserver's table convertor (wide: every cell). */
function eventRow(e: SimEvent, now: Date, include: 'None' | 'Metadata' | 'Object'): string {
  const first = e.firstTimestamp ? timestampSince(e.firstTimestamp, now) : timestampSince(e.eventTime, now);
  let last = e.lastTimestamp ? timestampSince(e.lastTimestamp, now) : first;
  let count = e.count ?? 0;
  if (e.series) {
    last = timestampSince(e.series.lastObservedTime, now);
    count = e.series.count;
  } else if (count === 0) count = 1;
  const target = e.involvedObject.name
    ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`
    : e.involvedObject.kind.toLowerCase();
  const source = e.source.component
    ? e.source.host
      ? `${e.source.component}, ${e.source.host}`
      : e.source.component
    : e.reportingInstance
      ? `${e.reportingComponent}, ${e.reportingInstance}`
      : e.reportingComponent;
  const cells = [last, e.type, e.reason, target, e.involvedObject.fieldPath ?? '', source, e.message.trim(), first, count, e.metadata.name];
  const row: Record<string, unknown> = { cells };
  if (include === 'Object') row['object'] = { kind: 'Event', apiVersion: 'v1', ...e };
  else if (include === 'Metadata') row['object'] = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: e.metadata };
  return JSON.stringify(row);
}

/** GET /api/v1/events, /api/v1/namespaces/NS/events, /api/v1/namespaces/NS/events/NAME. */
export function serveEvents(
  cluster: Cluster,
  namespace: string | undefined,
  name: string | undefined,
  params: URLSearchParams,
  neg: NonNullable<Negotiated>,
  now: Date,
): Reply {
  const store = eventStoreOf(cluster);
  const include = includeObjectOf(params);
  if (typeof include !== 'string') return include;
  let items: SimEvent[];
  if (name !== undefined && namespace !== undefined) {
    const e = store.get(namespace, name);
    if (!e) return notFound('events', name);
    if (neg.form !== 'table') return { code: 200, body: JSON.stringify({ kind: 'Event', apiVersion: 'v1', ...e }) };
    items = [e];
  } else {
    const fields = parseFieldSelector(params.get('fieldSelector'), EVENT_FIELDS as unknown as Record<string, (p: Pod) => string>);
    if (!fields.ok) return badRequest(fields.message);
    items = store.list(namespace).filter((e) => fields.matches(e as unknown as Pod));
  }
  const meta = { resourceVersion: cluster.resourceVersion };
  if (neg.form === 'table') {
    return {
      code: 200,
      body: tableJson(
        EVENT_COLUMNS,
        items.map((e) => eventRow(e, now, include)),
        meta,
      ).replace('"apiVersion":"meta.k8s.io/v1"', `"apiVersion":"meta.k8s.io/${neg.version}"`),
    };
  }
  return { code: 200, body: JSON.stringify({ kind: 'EventList', apiVersion: 'v1', metadata: meta, items }) };
}

/** Routes /api/v1/events and /api/v1/namespaces/NS/events[/NAME] (segments after /api/v1); undefined for other paths. */
export function eventsRoute(
  rest: string[],
  params: URLSearchParams,
  neg: NonNullable<Negotiated>,
  now: Date,
  cluster: Cluster,
  allow: (a: { kind: 'resource'; verb: string; group: string; resource: string; namespace?: string; name?: string }) => Reply | undefined,
  verbOf: (named: boolean) => string,
): Reply | undefined {
  const all = rest.length === 1 && rest[0] === 'events';
  const inNs = rest[0] === 'namespaces' && rest[2] === 'events' && rest.length <= 4 && rest[1] !== undefined;
  if (!all && !inNs) return undefined;
  const ns = inNs ? rest[1] : undefined;
  const name = inNs ? rest[3] : undefined;
  const denied = allow({
    kind: 'resource',
    verb: verbOf(name !== undefined),
    group: '',
    resource: 'events',
    ...(ns !== undefined ? { namespace: ns } : {}),
    ...(name !== undefined ? { name } : {}),
  });
  if (denied) return denied;
  return serveEvents(cluster, ns, name, params, neg, now);
}
