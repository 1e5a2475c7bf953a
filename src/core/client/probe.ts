/** A one-item pod list: proves authorization and a well-formed answer without reading every pod. */
import { failure, type Result } from '../failure.js';
import { TABLE_ACCEPT } from './accept.js';
import type { ClientSession } from './session.js';
import { podsPath } from './list.js';
import { rowsFromTable, tableColumns } from './pod-rows.js';

export interface ProbeResult {
  /** Pods counted (exact when `estimate` is false). */
  count: number;
  estimate: boolean;
  first?: string;
}

/** Lists at most one pod of `namespace` as a Table. */
export async function probePods(session: ClientSession, namespace: string, signal?: AbortSignal): Promise<Result<ProbeResult>> {
  const res = await session.callObject(
    {
      method: 'GET',
      path: podsPath({ namespace }),
      query: { limit: '1', includeObject: 'None' },
      headers: { accept: TABLE_ACCEPT },
      ...(signal ? { signal } : {}),
    },
    { verb: 'list', resource: 'pods', namespace },
  );
  if (!res.ok) return res;
  const body = res.value;
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
    const rows = rowsFromTable(body, cols, namespace);
    const remaining = typeof meta.remainingItemCount === 'number' ? meta.remainingItemCount : 0;
    const more = typeof meta.continue === 'string' && meta.continue !== '';
    return {
      ok: true,
      value: {
        count: rows.length + remaining,
        estimate: more && remaining === 0,
        ...(rows[0] ? { first: `${rows[0].name} (${rows[0].status})` } : {}),
      },
    };
  }
  if (body['kind'] === 'PodList') {
    const items = Array.isArray(body['items']) ? body['items'] : [];
    return { ok: true, value: { count: items.length, estimate: false } };
  }
  return {
    ok: false,
    failure: failure('response.not-kubernetes', 'The server answered the pod list with something other than a pod table or list.', [
      'Check that the server URL points at the Kubernetes API server.',
    ]),
  };
}
