/**
 * The client verbs `kpods why` needs (getPodObject, listEvents, readLog; CLIENT-API.md), taken
 * from the KubeClient when it has them, else made here from its generic call(): a bridge until
 * the client round lands, then only the first branch is used.
 */
import type { KubeApiClient } from '../core/client/index.js';
import type { DiagnosisClient } from '../core/diagnosis/scope.js';
import type { DiagEvent } from '../core/diagnosis/types.js';
import type { Pod } from '../core/pods/pod-types.js';
import { failure, type Result } from '../core/failure.js';

type Verbs = Pick<DiagnosisClient, 'getPodObject' | 'listEvents' | 'readLog'>;

const JSON_ACCEPT = 'application/json';

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
}

/** The diagnosis verbs over a client. */
export function diagnosisClient(client: KubeApiClient): DiagnosisClient {
  const own = client as unknown as Partial<Verbs>;
  const listPodObjects: DiagnosisClient['listPodObjects'] = (q, signal) => client.listPodObjects(q, signal);
  if (typeof own.getPodObject === 'function' && typeof own.listEvents === 'function' && typeof own.readLog === 'function') {
    return {
      listPodObjects,
      getPodObject: (ns, name, signal) => own.getPodObject!.call(client, ns, name, signal),
      listEvents: (ns, involved, signal) => own.listEvents!.call(client, ns, involved, signal),
      readLog: (ns, pod, opts, signal) => own.readLog!.call(client, ns, pod, opts, signal),
    };
  }
  return {
    listPodObjects,
    async getPodObject(ns, name, signal): Promise<Result<Pod>> {
      const r = await client.callObject(
        {
          method: 'GET',
          path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`,
          headers: { accept: JSON_ACCEPT },
          ...(signal ? { signal } : {}),
        },
        { verb: 'get', resource: 'pods', namespace: ns },
      );
      return r.ok ? { ok: true, value: r.value as Pod } : r;
    },
    async listEvents(ns, involved, signal): Promise<Result<DiagEvent[]>> {
      const selector = involved
        ? [
            ['involvedObject.kind', involved.kind],
            ['involvedObject.name', involved.name],
            ['involvedObject.namespace', ns],
            ['involvedObject.uid', involved.uid],
          ]
            .filter((t): t is [string, string] => !!t[1])
            .map(([k, v]) => `${k}=${esc(v)}`)
            .join(',')
        : undefined;
      const r = await client.callObject(
        {
          method: 'GET',
          path: `/api/v1/namespaces/${encodeURIComponent(ns)}/events`,
          query: { fieldSelector: selector },
          headers: { accept: JSON_ACCEPT },
          ...(signal ? { signal } : {}),
        },
        { verb: 'list', resource: 'events', namespace: ns },
      );
      if (!r.ok) return r;
      if (r.value['kind'] !== 'EventList')
        return {
          ok: false,
          failure: failure('response.not-kubernetes', 'The server did not answer the event list with an EventList.', []),
        };
      const items = Array.isArray(r.value['items']) ? (r.value['items'] as DiagEvent[]) : [];
      return { ok: true, value: items };
    },
    async readLog(ns, pod, opts, signal): Promise<Result<string>> {
      const r = await client.call(
        {
          method: 'GET',
          path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/log`,
          query: {
            container: opts.container,
            previous: opts.previous ? 'true' : undefined,
            tailLines: opts.tailLines !== undefined ? String(opts.tailLines) : undefined,
            limitBytes: opts.limitBytes !== undefined ? String(opts.limitBytes) : undefined,
          },
          headers: { accept: '*/*' },
          ...(signal ? { signal } : {}),
        },
        { verb: 'get', resource: 'pods/log', namespace: ns },
      );
      return r.ok ? { ok: true, value: r.value.body } : r;
    },
  };
}
