/**
 * GET /api/v1/events, /api/v1/namespaces/NS/events[/NAME] in the simulator, as EventList or Table,
 * with the field selectors kubectl describe uses (involvedObject.name/namespace/uid/kind, …).
 * The events themselves: event-store.ts; their table form: event-table.ts.
 */
import type { Cluster } from './cluster.js';
import type { Pod } from '../core/pods/pod-types.js';
import { parseFieldSelector } from './selectors.js';
import { badRequest, notFound, type Reply } from './status.js';
import { includeObjectOf } from './lists.js';
import { tableJson } from './table.js';
import type { Negotiated } from './negotiate.js';
import { eventStoreOf, type SimEvent } from './event-store.js';
import { EVENT_COLUMNS, eventRow } from './event-table.js';

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

/** GET /api/v1/events, /api/v1/namespaces/NS/events, /api/v1/namespaces/NS/events/NAME. */
function serveEvents(
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
