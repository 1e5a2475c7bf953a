/** The small API calls of the client: one pod as a row, namespaces, identity and access reviews, /version. */
import { failure, type Failure, type Result } from '../failure.js';
import { neutralize } from '../terminal-text.js';
import type { Pod } from '../pods/index.js';
import { JSON_ACCEPT, TABLE_ACCEPT } from './accept.js';
import { rowFromPod, rowsFromTable, tableColumns } from './pod-rows.js';
import type { ClientSession } from './session.js';
import type { AccessAttributes, AccessDecision, Identity, PodRow, ResourceRule } from './types.js';

/** Gets one pod as a row (Table format with metadata). */
export async function getPod(session: ClientSession, namespace: string, name: string, signal?: AbortSignal): Promise<Result<PodRow>> {
  const res = await session.callObject(
    {
      method: 'GET',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`,
      query: { includeObject: 'Metadata' },
      headers: { accept: TABLE_ACCEPT },
      ...(signal ? { signal } : {}),
    },
    { verb: 'get', resource: 'pods', namespace, name },
  );
  if (!res.ok) return res;
  const body = res.value;
  const row =
    body['kind'] === 'Table'
      ? rowsFromTable(body, tableColumns(body['columnDefinitions']) ?? new Map(), namespace)[0]
      : body['kind'] === 'Pod'
        ? rowFromPod(body as Pod, session.clock(), namespace)
        : undefined;
  if (!row)
    return {
      ok: false,
      failure: failure('response.invalid', `The server's answer for pod "${neutralize(name)}" held no pod.`, [
        'Check that the server URL points at the Kubernetes API server.',
      ]),
    };
  return { ok: true, value: row };
}

/** Names of all namespaces. */
export async function listNamespaces(session: ClientSession, signal?: AbortSignal, cached = false): Promise<Result<string[]>> {
  const res = await session.callObject(
    {
      method: 'GET',
      path: '/api/v1/namespaces',
      headers: { accept: JSON_ACCEPT },
      ...(cached ? { query: { resourceVersion: '0' } } : {}),
      ...(signal ? { signal } : {}),
    },
    { verb: 'list', resource: 'namespaces' },
  );
  if (!res.ok) return res;
  const items = Array.isArray(res.value['items']) ? (res.value['items'] as unknown[]) : [];
  const names: string[] = [];
  for (const it of items) {
    const name = (it as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    if (typeof name === 'string') names.push(name);
  }
  return { ok: true, value: names };
}

/** SelfSubjectReview (v1, then v1beta1, then v1alpha1 on 404). */
export async function whoAmI(session: ClientSession, signal?: AbortSignal): Promise<Result<Identity>> {
  let last: Failure | undefined;
  for (const v of ['v1', 'v1beta1', 'v1alpha1']) {
    const body = JSON.stringify({
      kind: 'SelfSubjectReview',
      apiVersion: `authentication.k8s.io/${v}`,
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    });
    const res = await session.callObject(
      {
        method: 'POST',
        path: `/apis/authentication.k8s.io/${v}/selfsubjectreviews`,
        headers: { accept: JSON_ACCEPT },
        body,
        ...(signal ? { signal } : {}),
      },
      { verb: 'create', resource: 'selfsubjectreviews' },
    );
    if (!res.ok) {
      last = res.failure;
      if (res.failure.code === 'response.not-found') continue;
      return res;
    }
    const info = (res.value['status'] as { userInfo?: Record<string, unknown> } | undefined)?.userInfo ?? {};
    const groups = Array.isArray(info['groups']) ? (info['groups'] as unknown[]).filter((g): g is string => typeof g === 'string') : [];
    return {
      ok: true,
      value: {
        ...(typeof info['username'] === 'string' ? { username: info['username'] } : {}),
        ...(typeof info['uid'] === 'string' ? { uid: info['uid'] } : {}),
        groups,
      },
    };
  }
  return { ok: false, failure: last ?? failure('response.not-found', 'The selfsubjectreviews API is not enabled in the cluster.', []) };
}

/** SelfSubjectAccessReview for any verb and resource, optionally a subresource, an object name and an API group. */
export async function accessReview(session: ClientSession, attrs: AccessAttributes, signal?: AbortSignal): Promise<Result<AccessDecision>> {
  const body = JSON.stringify({
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    spec: {
      resourceAttributes: {
        namespace: attrs.namespace ?? '',
        verb: attrs.verb,
        group: attrs.group ?? '',
        version: '',
        resource: attrs.resource,
        subresource: attrs.subresource ?? '',
        name: attrs.name ?? '',
      },
    },
  });
  const res = await session.callObject(
    {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      headers: { accept: JSON_ACCEPT },
      body,
      ...(signal ? { signal } : {}),
    },
    { verb: 'create', resource: 'selfsubjectaccessreviews' },
  );
  if (!res.ok) return res;
  const status = (res.value['status'] ?? {}) as { allowed?: unknown; reason?: unknown };
  return {
    ok: true,
    value: {
      allowed: status.allowed === true,
      ...(typeof status.reason === 'string' && status.reason !== '' ? { reason: status.reason } : {}),
    },
  };
}

/** SelfSubjectAccessReview for a core-group resource: allowed or not. */
export async function canI(
  session: ClientSession,
  verb: string,
  resource: string,
  namespace: string | undefined,
  signal?: AbortSignal,
): Promise<Result<boolean>> {
  const r = await accessReview(session, { verb, resource, ...(namespace !== undefined ? { namespace } : {}) }, signal);
  return r.ok ? { ok: true, value: r.value.allowed } : r;
}

/** SelfSubjectRulesReview in one namespace. */
export async function rules(session: ClientSession, namespace: string, signal?: AbortSignal): Promise<Result<ResourceRule[]>> {
  const body = JSON.stringify({ kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', spec: { namespace } });
  const res = await session.callObject(
    {
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
      headers: { accept: JSON_ACCEPT },
      body,
      ...(signal ? { signal } : {}),
    },
    { verb: 'create', resource: 'selfsubjectrulesreviews' },
  );
  if (!res.ok) return res;
  const raw = (res.value['status'] as { resourceRules?: unknown } | undefined)?.resourceRules;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
  const rules = (Array.isArray(raw) ? raw : []).map((r: unknown) => {
    const o = (r ?? {}) as Record<string, unknown>;
    return {
      verbs: strings(o['verbs']),
      apiGroups: strings(o['apiGroups']),
      resources: strings(o['resources']),
      resourceNames: strings(o['resourceNames']),
    };
  });
  return { ok: true, value: rules };
}

/** GET /version. */
export async function version(session: ClientSession, signal?: AbortSignal): Promise<Result<{ gitVersion?: string }>> {
  const res = await session.callObject(
    { method: 'GET', path: '/version', headers: { accept: JSON_ACCEPT }, ...(signal ? { signal } : {}) },
    { verb: 'get', resource: 'version' },
    false,
  );
  if (!res.ok) return res;
  const gv = res.value['gitVersion'];
  return { ok: true, value: typeof gv === 'string' ? { gitVersion: gv } : {} };
}
