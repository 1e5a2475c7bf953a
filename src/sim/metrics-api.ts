/**
 * The metrics.k8s.io/v1beta1 endpoints as kube-aggregator and metrics-server serve them:
 * the group in /apis (after the built-in groups), /apis/metrics.k8s.io, the resource list, and
 * PodMetrics lists (one namespace or all, labelSelector, fieldSelector) and single gets.
 * Absent: not in discovery, 404 everywhere. Unavailable: listed, but every call is a 503.
 */
import type { Cluster } from './cluster.js';
import type { SimMetrics, MetricsMode } from './metrics.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { badRequest, notFoundPath, statusReply, type Reply } from './status.js';
import type { Pod } from '../core/pods/pod-types.js';

const GROUP = 'metrics.k8s.io';
const VERSION = 'v1beta1';
const GV = `${GROUP}/${VERSION}`;

const groupDoc = () => ({
  name: GROUP,
  versions: [{ groupVersion: GV, version: VERSION }],
  preferredVersion: { groupVersion: GV, version: VERSION },
});

/** /apis with the metrics group appended when the API is registered. */
export function withMetricsGroup(list: unknown, mode: MetricsMode): unknown {
  if (mode === 'absent') return list;
  const l = list as { groups?: unknown[] };
  return { ...l, groups: [...(l.groups ?? []), groupDoc()] };
}

/** kube-aggregator's answer while the APIService is unavailable (plain text, 503). */
const unavailable = (): Reply => ({
  code: 503,
  body: 'service unavailable\n',
  contentType: 'text/plain; charset=utf-8',
  headers: { 'X-Content-Type-Options': 'nosniff' },
});

/** Whether a path belongs to the metrics API. */
export function isMetricsPath(segs: string[]): boolean {
  return segs[0] === 'apis' && segs[1] === GROUP;
}

/** The authorisation a metrics request needs, or undefined for discovery paths. */
export function metricsAttributes(
  segs: string[],
): { verb: string; resource: string; namespace?: string; name?: string } | 'discovery' | undefined {
  if (segs.length <= 3) return 'discovery';
  const rest = segs.slice(3);
  if (rest[0] === 'pods' && rest.length === 1) return { verb: 'list', resource: 'pods' };
  if (rest[0] === 'nodes' && rest.length <= 2)
    return { verb: rest[1] ? 'get' : 'list', resource: 'nodes', ...(rest[1] ? { name: rest[1] } : {}) };
  if (rest[0] === 'namespaces' && rest[2] === 'pods' && rest.length <= 4 && rest[1])
    return { verb: rest[3] ? 'get' : 'list', resource: 'pods', namespace: rest[1], ...(rest[3] ? { name: rest[3] } : {}) };
  return undefined;
}

/** Serves an (authorised) metrics request. */
export function serveMetrics(
  metrics: SimMetrics,
  mode: MetricsMode,
  cluster: Cluster,
  segs: string[],
  params: URLSearchParams,
  now: Date,
): Reply {
  if (mode === 'absent') return notFoundPath();
  if (mode === 'unavailable') return unavailable();
  const t = now.getTime();
  metrics.tick(t);
  if (segs.length === 2) return { code: 200, body: JSON.stringify({ kind: 'APIGroup', apiVersion: 'v1', ...groupDoc() }) };
  if (segs[2] !== VERSION) return notFoundPath();
  if (segs.length === 3) {
    const resources = [
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ];
    return { code: 200, body: JSON.stringify({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: GV, resources }) };
  }
  const attrs = metricsAttributes(segs);
  if (!attrs || attrs === 'discovery') return notFoundPath();
  if (attrs.resource === 'nodes') return nodeMetrics(metrics, cluster, attrs.name, t);
  if (attrs.name !== undefined && attrs.namespace !== undefined) {
    const v = cluster.getPod(attrs.namespace, attrs.name);
    const item = v ? metrics.podMetrics(v, t) : undefined;
    if (!item) return notFound(`${attrs.namespace}/${attrs.name}`);
    return { code: 200, body: JSON.stringify({ kind: 'PodMetrics', apiVersion: GV, ...item }) };
  }
  const labels = parseLabelSelector(params.get('labelSelector'));
  if (!labels.ok) return badRequest(labels.message);
  const fields = parseFieldSelector(params.get('fieldSelector'), {
    'metadata.name': (p: Pod) => p.metadata?.name ?? '',
    'metadata.namespace': (p: Pod) => p.metadata?.namespace ?? '',
  });
  if (!fields.ok) return badRequest(fields.message);
  const items: string[] = [];
  for (const v of cluster.iterate(attrs.namespace)) {
    const view = v.info().view;
    if (!labels.matches(view) || !fields.matches(view)) continue;
    const item = metrics.podMetrics(v, t);
    if (item) items.push(JSON.stringify(item));
  }
  return { code: 200, body: [`{"kind":"PodMetricsList","apiVersion":"${GV}","metadata":{},"items":[`, items.join(','), ']}'] };
}

function notFound(name: string): Reply {
  return statusReply(404, 'NotFound', `podmetrics.${GROUP} "${name}" not found`, { name, group: GROUP, kind: 'podmetrics' });
}

/** NodeMetrics: the sum of the node's pods plus a system share. */
function nodeMetrics(metrics: SimMetrics, cluster: Cluster, name: string | undefined, t: number): Reply {
  const byNode = new Map<string, { cpu: number; mem: number }>();
  for (const v of cluster.iterate()) {
    const node = v.info().view.spec?.nodeName;
    if (!node) continue;
    const item = metrics.podMetrics(v, t) as { containers?: Array<{ usage: { cpu: string; memory: string } }> } | undefined;
    const acc = byNode.get(node) ?? { cpu: 250_000_000, mem: 900 * 1024 * 1024 };
    for (const c of item?.containers ?? []) {
      acc.cpu += parseInt(c.usage.cpu, 10);
      acc.mem += parseInt(c.usage.memory, 10) * 1024;
    }
    byNode.set(node, acc);
  }
  const scrape = new Date(Math.floor(t / 15_000) * 15_000 - 3_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const items = [...byNode.entries()]
    .filter(([n]) => name === undefined || n === name)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, u]) => ({
      metadata: { name: n, creationTimestamp: new Date(t).toISOString().replace(/\.\d+Z$/, 'Z'), labels: { 'kubernetes.io/hostname': n } },
      timestamp: scrape,
      window: '20.05s',
      usage: { cpu: `${u.cpu}n`, memory: `${Math.round(u.mem / 1024)}Ki` },
    }));
  if (name !== undefined) {
    if (items.length === 0)
      return statusReply(404, 'NotFound', `nodemetrics.${GROUP} "${name}" not found`, { name, group: GROUP, kind: 'nodemetrics' });
    return { code: 200, body: JSON.stringify({ kind: 'NodeMetrics', apiVersion: GV, ...items[0] }) };
  }
  return { code: 200, body: JSON.stringify({ kind: 'NodeMetricsList', apiVersion: GV, metadata: {}, items }) };
}
