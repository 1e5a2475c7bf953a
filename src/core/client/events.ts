/** core/v1 Events of a namespace, or of one object as `kubectl describe` finds them. */
import { failure, type Result } from '../failure.js';
import { JSON_ACCEPT } from './accept.js';
import type { ClientSession } from './session.js';
import type { InvolvedObject, KubeEvent } from './types.js';

/** kubectl's chunk size for describe's event list. */
const PAGE = 500;

/** Escapes a field selector value as the API server parses it (backslash, comma, equals). */
function escapeFieldValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/** kubectl describe's selector: involvedObject.kind, name, namespace and uid (those known), in key order. */
function involvedSelector(namespace: string, o: InvolvedObject): string {
  const terms: Array<[string, string | undefined]> = [
    ['involvedObject.kind', o.kind],
    ['involvedObject.name', o.name],
    ['involvedObject.namespace', namespace],
    ['involvedObject.uid', o.uid],
  ];
  return terms
    .filter((t): t is [string, string] => t[1] !== undefined && t[1] !== '')
    .map(([k, v]) => `${k}=${escapeFieldValue(v)}`)
    .join(',');
}

/** Lists the events of `namespace` (paged like kubectl), only `involved`'s when given. */
export async function listEvents(
  session: ClientSession,
  namespace: string,
  involved?: InvolvedObject,
  signal?: AbortSignal,
): Promise<Result<KubeEvent[]>> {
  const events: KubeEvent[] = [];
  let cont: string | undefined;
  for (;;) {
    const res = await session.callObject(
      {
        method: 'GET',
        path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`,
        query: { limit: String(PAGE), continue: cont, fieldSelector: involved ? involvedSelector(namespace, involved) : undefined },
        headers: { accept: JSON_ACCEPT },
        ...(signal ? { signal } : {}),
      },
      { verb: 'list', resource: 'events', namespace },
    );
    if (!res.ok) return res;
    if (res.value['kind'] !== 'EventList')
      return {
        ok: false,
        failure: failure('response.not-kubernetes', 'The server did not answer the event list with an EventList.', [
          'Check that the server URL points at the Kubernetes API server.',
        ]),
      };
    const items = Array.isArray(res.value['items']) ? (res.value['items'] as unknown[]) : [];
    for (const e of items) if (e && typeof e === 'object' && !Array.isArray(e)) events.push(e as KubeEvent);
    const next = (res.value['metadata'] as { continue?: unknown } | undefined)?.continue;
    if (typeof next !== 'string' || next === '') break;
    cont = next;
  }
  return { ok: true, value: events };
}
