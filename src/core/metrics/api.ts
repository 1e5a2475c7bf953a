/**
 * The metrics API calls, as functions taking the client (anything with callObject: the
 * KubeApiClient today, the client session later): discovery of metrics.k8s.io/v1beta1, PodMetrics
 * lists, and a probe that says whether usage can be shown, and if not, why.
 */
import type { Failure, Result } from '../failure.js';
import type { HttpRequest } from '../client/transport.js';
import type { CallContext } from '../client/session.js';
import { neutralize } from '../terminal-text.js';
import { plural } from '../plural.js';
import { getPodObject } from '../client/pod-calls.js';
import { podsPath } from '../client/list.js';
import type { Pod } from '../pods/pod-types.js';
import { parsePodMetrics, parsePodMetricsList, type PodUsage } from './pod-metrics.js';
import { specResources, type PodSpecResources } from './pod-resources.js';

const METRICS_GROUP = 'metrics.k8s.io';
const METRICS_VERSION = 'v1beta1';
const BASE = `/apis/${METRICS_GROUP}/${METRICS_VERSION}`;

/** What these calls need: one JSON-object request with an explained failure (the client session, or the client). */
export interface ObjectCaller {
  callObject(req: HttpRequest, ctx: CallContext, requireKind?: boolean): Promise<Result<Record<string, unknown>>>;
}

/** Which pod metrics to read. `namespace` undefined: all namespaces. */
export interface PodMetricsQuery {
  namespace?: string;
  labelSelector?: string;
}

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** Whether /apis lists metrics.k8s.io with version v1beta1 (kubectl top's check). */
export async function metricsDiscovered(client: ObjectCaller, signal?: AbortSignal): Promise<Result<boolean>> {
  const res = await client.callObject(
    { method: 'GET', path: '/apis', headers: { accept: 'application/json' }, ...withSignal(signal) },
    { verb: 'get', resource: 'API groups' },
  );
  if (!res.ok) return res;
  const groups = Array.isArray(res.value['groups']) ? (res.value['groups'] as unknown[]) : [];
  const found = groups.some((g) => {
    const o = (g ?? {}) as { name?: unknown; versions?: unknown };
    return (
      o.name === METRICS_GROUP &&
      Array.isArray(o.versions) &&
      o.versions.some((v) => (v as { version?: unknown } | null)?.version === METRICS_VERSION)
    );
  });
  return { ok: true, value: found };
}

/** PodMetrics of one namespace or all (labelSelector passed to the server); `previous`: see parsePodMetrics. */
export async function listPodMetrics(
  client: ObjectCaller,
  query: PodMetricsQuery,
  signal?: AbortSignal,
  previous?: ReadonlyMap<string, PodUsage>,
): Promise<Result<PodUsage[]>> {
  const ns = query.namespace;
  const res = await client.callObject(
    {
      method: 'GET',
      path: ns === undefined ? `${BASE}/pods` : `${BASE}/namespaces/${encodeURIComponent(ns)}/pods`,
      ...(query.labelSelector ? { query: { labelSelector: query.labelSelector } } : {}),
      headers: { accept: 'application/json' },
      ...withSignal(signal),
    },
    { verb: 'list', resource: 'pod metrics', ...(ns !== undefined ? { namespace: ns } : {}) },
  );
  if (!res.ok) return res;
  return { ok: true, value: parsePodMetricsList(res.value, ns ?? '', previous) };
}

/**
 * One pod's PodMetrics (kubectl top pod NAME); undefined when metrics-server has none for it yet
 * (404: a pod not scraped yet, or gone).
 */
export async function getPodMetrics(
  client: ObjectCaller,
  namespace: string,
  name: string,
  signal?: AbortSignal,
  previous?: ReadonlyMap<string, PodUsage>,
): Promise<Result<PodUsage | undefined>> {
  const res = await client.callObject(
    {
      method: 'GET',
      path: `${BASE}/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`,
      headers: { accept: 'application/json' },
      ...withSignal(signal),
    },
    { verb: 'get', resource: 'pod metrics', namespace, name },
  );
  if (!res.ok) return res.failure.code === 'response.not-found' ? { ok: true, value: undefined } : res;
  return { ok: true, value: parsePodMetrics(res.value, namespace, previous) };
}

/** Requests and limits of the pods in view, keyed `namespace/name`; `complete` false when more pods than `limit` exist. */
interface SpecResourcesPage {
  byPod: Map<string, PodSpecResources>;
  complete: boolean;
}

/**
 * Reads the requests and limits of up to `limit` pods (one PodList page, plain JSON): the pod
 * table's rows carry no spec, and the shares of requests and limits need it.
 */
export async function listSpecResources(
  client: ObjectCaller,
  query: PodMetricsQuery,
  limit: number,
  signal?: AbortSignal,
): Promise<Result<SpecResourcesPage>> {
  const ns = query.namespace;
  const res = await client.callObject(
    {
      method: 'GET',
      path: podsPath(query),
      query: { limit: String(limit), ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}) },
      headers: { accept: 'application/json' },
      ...withSignal(signal),
    },
    { verb: 'list', resource: 'pods', ...(ns !== undefined ? { namespace: ns } : {}) },
  );
  if (!res.ok) return res;
  const byPod = new Map<string, PodSpecResources>();
  for (const it of Array.isArray(res.value['items']) ? (res.value['items'] as Pod[]) : []) {
    const name = it?.metadata?.name;
    if (typeof name !== 'string') continue;
    byPod.set(`${it.metadata?.namespace ?? ns ?? ''}/${name}`, specResources(it));
  }
  const cont = (res.value['metadata'] as { continue?: unknown } | undefined)?.continue;
  return { ok: true, value: { byPod, complete: !(typeof cont === 'string' && cont !== '') } };
}

/** Requests and limits of one pod (GET the pod, plain JSON). */
export async function getSpecResources(
  client: ObjectCaller,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<Result<PodSpecResources>> {
  const res = await getPodObject(client, namespace, name, signal);
  return res.ok ? { ok: true, value: specResources(res.value) } : res;
}

/** Whether usage can be shown, and if not, why (one line, neutralised). */
export type MetricsProbe =
  | { state: 'available'; why: string }
  | { state: 'absent'; why: string }
  | { state: 'forbidden'; why: string; failure: Failure }
  | { state: 'failing'; why: string; failure: Failure };

/** The one line the help screen and trace show when the metrics API is absent. */
export const ABSENT_WHY = `The cluster does not serve ${METRICS_GROUP} (no metrics-server), so there is no CPU or memory usage.`;

/** Explains a failed metrics call as a probe state. */
export function probeFromFailure(f: Failure, namespace: string | undefined): MetricsProbe {
  const where = namespace === undefined ? 'in all namespaces' : `in namespace "${neutralize(namespace)}"`;
  if (f.code === 'authorization.forbidden')
    return { state: 'forbidden', why: `You may not read pod metrics ${where} (403 Forbidden on ${METRICS_GROUP}).`, failure: f };
  return { state: 'failing', why: `The metrics API is listed but failing: ${f.summary}`, failure: f };
}

/** Discovery, then one PodMetrics list in the namespace (or all): available, absent, forbidden or failing. */
export async function probeMetrics(client: ObjectCaller, namespace: string | undefined, signal?: AbortSignal): Promise<MetricsProbe> {
  const found = await metricsDiscovered(client, signal);
  if (!found.ok) return { state: 'failing', why: `Discovery (/apis) failed: ${found.failure.summary}`, failure: found.failure };
  if (!found.value) return { state: 'absent', why: ABSENT_WHY };
  const list = await listPodMetrics(client, namespace === undefined ? {} : { namespace }, signal);
  if (!list.ok) return probeFromFailure(list.failure, namespace);
  const n = list.value.length;
  return {
    state: 'available',
    why: `${METRICS_GROUP}/${METRICS_VERSION} answers: usage for ${plural(n, 'pod')} ${namespace === undefined ? 'in all namespaces' : `in namespace "${neutralize(namespace)}"`}.`,
  };
}
