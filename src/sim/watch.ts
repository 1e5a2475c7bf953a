/**
 * Pod watches: JSON or Table events, resourceVersion semantics, bookmarks, the 410 ERROR
 * event for a version older than the kept history, and timeoutSeconds.
 */
import type { ServerResponse } from 'node:http';
import type { Cluster, ClusterEvent, PodVersion } from './cluster.js';
import { NAMESPACE_COLUMNS, POD_COLUMNS, namespaceObject, namespaceRowJson, podRowJson, type IncludeObject } from './table.js';
import type { Reply } from './status.js';
import { queryBool, type Negotiated } from './negotiate.js';
import { includeObjectOf, podQueryOf } from './lists.js';

/** Watch settings of the server. */
interface WatchOptions {
  /** Interval between bookmarks (when the client allows them), ms. */
  bookmarkIntervalMs: number;
  /** Server-chosen timeout when the client gives none, seconds. */
  defaultTimeoutSeconds: number;
  now: () => Date;
}

/** Starts a watch on `res`, or returns an error reply before any streaming. */
export function watchPods(
  cluster: Cluster,
  namespace: string | undefined,
  params: URLSearchParams,
  neg: NonNullable<Negotiated>,
  res: ServerResponse,
  opts: WatchOptions,
  headers: Record<string, string>,
): Reply | undefined {
  const query = podQueryOf(cluster, params, true);
  if (!('matches' in query)) return query;
  const { matches: bySelectors, include } = query;
  const rvText = params.get('resourceVersion') ?? '';
  const bookmarks = queryBool(params, 'allowWatchBookmarks');
  const initial = params.has('sendInitialEvents') ? queryBool(params, 'sendInitialEvents') : rvText === '' || rvText === '0';
  const timeoutText = params.get('timeoutSeconds');
  const timeoutS = timeoutText && /^\d+$/.test(timeoutText) && Number(timeoutText) > 0 ? Number(timeoutText) : opts.defaultTimeoutSeconds;
  const inNamespace = (v: PodVersion) => namespace === undefined || v.namespace === namespace;
  const matches = (v: PodVersion) => inNamespace(v) && bySelectors(v);
  const selected = params.has('labelSelector') || params.has('fieldSelector');
  // With a selector, a pod that starts or stops matching is ADDED or DELETED, as kube-apiserver reports it.
  const members = new Set<string>();
  if (selected) for (const v of cluster.iterate(namespace)) if (matches(v)) members.add(v.key);
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let first = true;
  const tableVersion = neg.form === 'table' ? neg.version : undefined;
  const objectJson = (v: PodVersion): string => {
    if (!tableVersion) return v.objectJson();
    const cols = first ? POD_COLUMNS : 'null';
    first = false;
    return `{"kind":"Table","apiVersion":"meta.k8s.io/${tableVersion}","metadata":{"resourceVersion":"${v.rv}"},"columnDefinitions":${cols},"rows":[${podRowJson(v, opts.now(), include as IncludeObject)}]}`;
  };
  const send = (type: string, v: PodVersion) => res.write(`{"type":"${type}","object":${objectJson(v)}}\n`);
  const bookmark = (rv: string, initialEnd = false) => {
    const meta = `{"resourceVersion":"${rv}"${initialEnd ? ',"annotations":{"k8s.io/initial-events-end":"true"}' : ''}}`;
    const obj = tableVersion
      ? `{"kind":"Table","apiVersion":"meta.k8s.io/${tableVersion}","metadata":${meta},"columnDefinitions":${first ? POD_COLUMNS : 'null'},"rows":[]}`
      : `{"kind":"Pod","apiVersion":"v1","metadata":${meta},"spec":{"containers":null},"status":{}}`;
    if (tableVersion) first = false;
    res.write(`{"type":"BOOKMARK","object":${obj}}\n`);
  };
  function deliver(e: ClusterEvent): void {
    const v = e.version;
    if (!selected) {
      if (inNamespace(v)) send(e.type, v);
      return;
    }
    if (!inNamespace(v)) return;
    const was = members.has(v.key);
    const is = e.type !== 'DELETED' && matches(v);
    if (e.type === 'DELETED') {
      if (was || matches(v)) send('DELETED', v);
      members.delete(v.key);
    } else if (is) {
      send(was ? 'MODIFIED' : 'ADDED', v);
      members.add(v.key);
    } else if (was) {
      send('DELETED', v);
      members.delete(v.key);
    }
  }
  let lastRv = cluster.resourceVersion;
  if (initial) {
    for (const v of cluster.iterate(namespace)) if (matches(v)) send('ADDED', v);
    if (params.has('sendInitialEvents') && bookmarks) bookmark(lastRv, true);
  } else {
    const since = cluster.eventsSince(Number(rvText));
    if (!since) {
      const status = {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${rvText} (${cluster.oldestResourceVersion})`,
        reason: 'Expired',
        code: 410,
      };
      res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
      return undefined;
    }
    for (const e of since) deliver(e);
    lastRv = since.length > 0 ? String(since[since.length - 1]!.rv) : rvText;
  }
  const unsubscribe = cluster.subscribe((e: ClusterEvent) => {
    lastRv = String(e.rv);
    deliver(e);
  });
  const timers: NodeJS.Timeout[] = [];
  const stop = () => {
    unsubscribe();
    cluster.offFaultChange(stop);
    for (const t of timers) clearTimeout(t);
    if (!res.writableEnded) res.end();
  };
  if (bookmarks) timers.push(setInterval(() => bookmark(lastRv), opts.bookmarkIntervalMs));
  timers.push(setTimeout(stop, timeoutS * 1000));
  cluster.onFaultChange(stop);
  res.on('close', stop);
  return undefined;
}

/** Watches namespaces (they do not change): ADDED for each when no resourceVersion is given, then quiet until the timeout. */
export function watchNamespaces(
  cluster: Cluster,
  params: URLSearchParams,
  neg: NonNullable<Negotiated>,
  res: ServerResponse,
  opts: WatchOptions,
  headers: Record<string, string>,
): Reply | undefined {
  const include = includeObjectOf(params);
  if (typeof include !== 'string') return include;
  const rvText = params.get('resourceVersion') ?? '';
  const timeoutText = params.get('timeoutSeconds');
  const timeoutS = timeoutText && /^\d+$/.test(timeoutText) && Number(timeoutText) > 0 ? Number(timeoutText) : opts.defaultTimeoutSeconds;
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  if (rvText === '' || rvText === '0') {
    let first = true;
    for (const ns of [...cluster.namespaces].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const object =
        neg.form === 'table'
          ? `{"kind":"Table","apiVersion":"meta.k8s.io/${neg.version}","metadata":{"resourceVersion":"12"},"columnDefinitions":${first ? NAMESPACE_COLUMNS : 'null'},"rows":[${namespaceRowJson(ns, opts.now(), include)}]}`
          : JSON.stringify(namespaceObject(ns));
      first = false;
      res.write(`{"type":"ADDED","object":${object}}\n`);
    }
  }
  const stop = () => {
    clearTimeout(timer);
    cluster.offFaultChange(stop);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(stop, timeoutS * 1000);
  cluster.onFaultChange(stop);
  res.on('close', stop);
  return undefined;
}
