/** Pod and namespace lists (PodList or Table), paging with continue tokens, and single gets. */
import type { Cluster, PodVersion } from './cluster.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import {
  NAMESPACE_COLUMNS,
  POD_COLUMNS,
  namespaceObject,
  namespaceRowJson,
  podRowJson,
  tableJson,
  tableParts,
  type IncludeObject,
} from './table.js';
import { badRequest, notFound, statusReply, CONTINUE_EXPIRED, type Reply } from './status.js';
import { queryBool, type Negotiated } from './negotiate.js';

/** Encodes a continue token like kube-apiserver (base64 JSON). */
function encodeContinue(rv: number, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64');
}

function decodeContinue(token: string): { rv: number; start: string } | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') return undefined;
    return { rv: t.rv, start: t.start };
  } catch {
    return undefined;
  }
}

/** Validates includeObject; returns the value or a 400 reply. */
export function includeObjectOf(params: URLSearchParams): IncludeObject | Reply {
  const v = params.get('includeObject');
  if (v === null || v === '' || v === 'Metadata') return 'Metadata';
  if (v === 'None' || v === 'Object') return v;
  return badRequest(`unrecognized includeObject value: "${v}"`);
}

function invalidListOptions(field: string, detail: string): Reply {
  return statusReply(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${field}: ${detail}`, {
    group: 'meta.k8s.io',
    kind: 'ListOptions',
    causes: [{ reason: 'FieldValueForbidden', message: detail, field }],
  });
}

/** Checks resourceVersion / resourceVersionMatch as the API server does; undefined when fine. */
function checkResourceVersion(cluster: Cluster, params: URLSearchParams, watching: boolean): Reply | undefined {
  const rv = params.get('resourceVersion') ?? '';
  const match = params.get('resourceVersionMatch') ?? '';
  if (rv !== '' && !/^\d+$/.test(rv)) return badRequest(`invalid resource version: ${rv}`);
  const initialEvents = watching && params.get('sendInitialEvents') !== null;
  if (initialEvents) {
    if (match !== 'NotOlderThan')
      return invalidListOptions(
        'resourceVersionMatch',
        'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      );
    if (!queryBool(params, 'allowWatchBookmarks'))
      return invalidListOptions('allowWatchBookmarks', 'Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true');
    return undefined;
  }
  if (match !== '') {
    if (watching)
      return invalidListOptions(
        'resourceVersionMatch',
        'Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
      );
    if (rv === '')
      return invalidListOptions('resourceVersionMatch', 'Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided');
    if (params.get('continue'))
      return invalidListOptions('resourceVersionMatch', 'Forbidden: resourceVersionMatch is forbidden when continue is provided');
    if (match === 'Exact' && rv === '0')
      return invalidListOptions('resourceVersionMatch', 'Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    if (match !== 'Exact' && match !== 'NotOlderThan')
      return invalidListOptions('resourceVersionMatch', `Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (!watching && rv !== '' && rv !== '0') {
    const n = Number(rv);
    if (n > Number(cluster.resourceVersion)) {
      return statusReply(504, 'Timeout', `Timeout: Too large resource version: ${n}, current: ${cluster.resourceVersion}`, {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      });
    }
    if (match === 'Exact' && n < cluster.oldestResourceVersion)
      return statusReply(410, 'Expired', 'The resourceVersion for the provided list is too old.');
  }
  return undefined;
}

/** A pod list's or watch's selectors and format, or the error reply for a malformed query. */
export function podQueryOf(
  cluster: Cluster,
  params: URLSearchParams,
  watching: boolean,
): { matches: (v: PodVersion) => boolean; include: IncludeObject } | Reply {
  const labels = parseLabelSelector(params.get('labelSelector'));
  if (!labels.ok) return badRequest(labels.message);
  const fields = parseFieldSelector(params.get('fieldSelector'));
  if (!fields.ok) return badRequest(fields.message);
  const include = includeObjectOf(params);
  if (typeof include !== 'string') return include;
  const rvProblem = checkResourceVersion(cluster, params, watching);
  if (rvProblem) return rvProblem;
  return { matches: (v) => labels.matches(v.info().view) && fields.matches(v.info().view), include };
}

/** GET pods (one namespace or all): PodList or Table, paged. */
export function listPods(
  cluster: Cluster,
  namespace: string | undefined,
  params: URLSearchParams,
  neg: NonNullable<Negotiated>,
  now: Date,
): Reply {
  const query = podQueryOf(cluster, params, false);
  if (!('matches' in query)) return query;
  const { matches, include } = query;
  const limitText = params.get('limit');
  const rv0 = params.get('resourceVersion') === '0';
  const limit = limitText && /^\d+$/.test(limitText) && Number(limitText) > 0 && !rv0 ? Number(limitText) : Infinity;
  let start: string | undefined;
  let listRv = Number(cluster.resourceVersion);
  const token = params.get('continue');
  if (token) {
    const t = decodeContinue(token);
    if (!t) return badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
    if (t.rv < cluster.oldestResourceVersion) {
      return statusReply(410, 'Expired', CONTINUE_EXPIRED, undefined, { metadata: { continue: encodeContinue(-1, t.start) } });
    }
    start = t.start;
    listRv = t.rv;
  }
  const selected = params.has('labelSelector') || params.has('fieldSelector');
  const items: PodVersion[] = [];
  let remaining = 0;
  let lastKey = '';
  const keys = cluster.keys();
  const { from, to } = cluster.range(namespace, start);
  let i = from;
  for (; i < to && items.length < limit; i++) {
    const v = cluster.byKey(keys[i]!);
    if (!v) continue;
    if (selected && !matches(v)) continue;
    items.push(v);
    lastKey = v.key;
  }
  if (i < to) {
    if (!selected) remaining = to - i;
    else {
      for (; i < to; i++) {
        const v = cluster.byKey(keys[i]!);
        if (v && matches(v)) {
          remaining = 1;
          break;
        }
      }
    }
  }
  const meta: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (remaining > 0) {
    meta['continue'] = encodeContinue(listRv, lastKey);
    if (!selected) meta['remainingItemCount'] = remaining;
  }
  if (neg.form === 'table') {
    const parts = tableParts(
      POD_COLUMNS,
      items.map((v) => podRowJson(v, now, include)),
      meta,
      neg.version,
    );
    return { code: 200, body: parts };
  }
  const parts = [`{"kind":"PodList","apiVersion":"v1","metadata":${JSON.stringify(meta)},"items":[`];
  items.forEach((v, n) => parts.push(n === 0 ? v.itemJson() : `,${v.itemJson()}`));
  parts.push(']}');
  return { code: 200, body: parts };
}

/** GET one pod. */
export function getPod(
  cluster: Cluster,
  namespace: string,
  name: string,
  params: URLSearchParams,
  neg: NonNullable<Negotiated>,
  now: Date,
): Reply {
  const v = cluster.getPod(namespace, name);
  if (!v) return notFound('pods', name);
  if (neg.form === 'table') {
    const include = includeObjectOf(params);
    if (typeof include !== 'string') return include;
    return { code: 200, body: tableJson(POD_COLUMNS, [podRowJson(v, now, include)], { resourceVersion: v.rv }) };
  }
  return { code: 200, body: v.objectJson() };
}

/** GET namespaces (list) or one namespace. */
export function namespaces(
  cluster: Cluster,
  name: string | undefined,
  params: URLSearchParams,
  neg: NonNullable<Negotiated>,
  now: Date,
): Reply {
  const include = includeObjectOf(params);
  if (typeof include !== 'string') return include;
  const list =
    name === undefined
      ? [...cluster.namespaces].sort((a, b) => (a.name < b.name ? -1 : 1))
      : cluster.namespaces.filter((n) => n.name === name);
  if (name !== undefined && list.length === 0) return notFound('namespaces', name);
  if (neg.form === 'table') {
    return {
      code: 200,
      body: tableJson(
        NAMESPACE_COLUMNS,
        list.map((n) => namespaceRowJson(n, now, include)),
        { resourceVersion: cluster.resourceVersion },
      ),
    };
  }
  if (name !== undefined) return { code: 200, body: JSON.stringify(namespaceObject(list[0]!)) };
  const items = list.map((n) => {
    const { kind: _k, apiVersion: _a, ...rest } = namespaceObject(n);
    return rest;
  });
  return {
    code: 200,
    body: JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: cluster.resourceVersion }, items }),
  };
}
