/** One pod as a full object: get it, delete it. */
import { failure, type Result } from '../failure.js';
import type { Pod } from '../pods/index.js';
import { neutralize } from '../terminal-text.js';
import { JSON_ACCEPT } from './accept.js';
import type { ClientSession } from './session.js';

/** The path of one pod. */
export function podPath(namespace: string, name: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
}

/** GET one pod as plain JSON (what `kubectl get pod NAME -o json` reads). */
export async function getPodObject(
  session: Pick<ClientSession, 'callObject'>,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<Result<Pod>> {
  const res = await session.callObject(
    { method: 'GET', path: podPath(namespace, name), headers: { accept: JSON_ACCEPT }, ...(signal ? { signal } : {}) },
    { verb: 'get', resource: 'pods', namespace, name },
  );
  if (!res.ok) return res;
  if (res.value['kind'] !== 'Pod')
    return {
      ok: false,
      failure: failure('response.invalid', `The server's answer for pod "${neutralize(name)}" held no pod.`, [
        'Check that the server URL points at the Kubernetes API server.',
      ]),
    };
  return { ok: true, value: res.value as Pod };
}

/**
 * DELETE one pod, as `kubectl delete pod` does (DeleteOptions with background propagation);
 * `gracePeriodSeconds` overrides the pod's own grace period (0 = kill at once, kubectl's --force --grace-period=0).
 * Resolves to the pod the server answers with (now carrying deletionTimestamp), or undefined when it answered with a Status.
 */
export async function deletePod(
  session: ClientSession,
  namespace: string,
  name: string,
  opts: { gracePeriodSeconds?: number } = {},
  signal?: AbortSignal,
): Promise<Result<Pod | undefined>> {
  const body = JSON.stringify({
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
    propagationPolicy: 'Background',
  });
  const res = await session.callObject(
    { method: 'DELETE', path: podPath(namespace, name), headers: { accept: JSON_ACCEPT }, body, ...(signal ? { signal } : {}) },
    { verb: 'delete', resource: 'pods', namespace, name },
  );
  if (!res.ok) return res;
  return { ok: true, value: res.value['kind'] === 'Pod' ? (res.value as Pod) : undefined };
}
