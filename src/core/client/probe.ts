/** A one-item pod list: proves authorization and a well-formed answer without reading every pod. */
import { failure, type Result } from '../failure.js';
import { TABLE_ACCEPT } from './accept.js';
import type { ClientSession } from './session.js';
import type { PodQuery } from './types.js';
import { checkListShape } from './body-shape.js';
import { podsPath } from './list.js';
import { rowsFromTable, tableColumns } from './pod-rows.js';

export interface ProbeResult {
  /** Pods counted (exact when `estimate` is false). */
  count: number;
  estimate: boolean;
  first?: string;
  /** The pod counted first. */
  firstPod?: { namespace: string; name: string; status: string };
}

/**
 * Lists at most one pod of the query (a namespace or all, a label selector) as a Table. With a
 * label selector the server does not say how many remain: the count is then a lower bound.
 */
export async function probePods(session: ClientSession, query: PodQuery, signal?: AbortSignal): Promise<Result<ProbeResult>> {
  const { namespace } = query;
  const res = await session.callObject(
    {
      method: 'GET',
      path: podsPath(query),
      // Across namespaces the row's namespace comes from its metadata.
      query: {
        limit: '1',
        includeObject: namespace === undefined ? 'Metadata' : 'None',
        ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
      },
      headers: { accept: TABLE_ACCEPT },
      ...(signal ? { signal } : {}),
    },
    { verb: 'list', resource: 'pods', ...(namespace !== undefined ? { namespace } : {}) },
  );
  if (!res.ok) return res;
  const body = res.value;
  const bad = checkListShape(body);
  if (bad) return { ok: false, failure: bad };
  const meta = (body['metadata'] ?? {}) as { remainingItemCount?: unknown; continue?: unknown };
  if (body['kind'] === 'Table') {
    const cols = tableColumns(body['columnDefinitions']);
    if (!cols || !cols.has('name'))
      return {
        ok: false,
        failure: failure('response.invalid', 'The server sent a pod table without a Name column.', [
          'A proxy or an unusual API server changed the answer.',
        ]),
      };
    const rows = rowsFromTable(body, cols, namespace ?? '');
    const remaining = typeof meta.remainingItemCount === 'number' ? meta.remainingItemCount : 0;
    const more = typeof meta.continue === 'string' && meta.continue !== '';
    return {
      ok: true,
      value: {
        count: rows.length + remaining,
        estimate: more && remaining === 0,
        ...(rows[0]
          ? {
              first: `${rows[0].name} (${rows[0].status})`,
              firstPod: { namespace: rows[0].namespace, name: rows[0].name, status: rows[0].status },
            }
          : {}),
      },
    };
  }
  if (body['kind'] === 'PodList') {
    const items = Array.isArray(body['items']) ? body['items'] : [];
    const remaining = typeof meta.remainingItemCount === 'number' ? meta.remainingItemCount : 0;
    const more = typeof meta.continue === 'string' && meta.continue !== '';
    return { ok: true, value: { count: items.length + remaining, estimate: more && remaining === 0 } };
  }
  return {
    ok: false,
    failure: failure('response.not-kubernetes', 'The server answered the pod list with something other than a pod table or list.', [
      'Check that the server URL points at the Kubernetes API server.',
    ]),
  };
}
