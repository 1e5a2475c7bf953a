/**
 * Puts a new `-l` selector of the `/` filter to the server before the table switches to it: one
 * list of at most one pod. A 400 comes back as the footer line that says why (the server's own
 * words, as `kpods list -l` prints them); anything else lets the selector through (the pod feed
 * then reports what happens).
 */
import type { KubeClient } from '../core/client/types.js';
import { metricsCallerOf } from './metrics-feed.js';

/** The footer line when the server refuses `selector`; undefined when it accepts it (or cannot be asked). */
export async function checkSelector(
  client: KubeClient,
  namespace: string | undefined,
  selector: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const caller = metricsCallerOf(client);
  if (!caller) return undefined;
  const path = namespace === undefined ? '/api/v1/pods' : `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  const res = await caller
    .callObject(
      { method: 'GET', path, query: { labelSelector: selector, limit: '1' }, headers: { accept: 'application/json' }, signal },
      { verb: 'list', resource: 'pods', ...(namespace === undefined ? {} : { namespace }) },
    )
    .catch(() => undefined);
  if (!res || res.ok || res.failure.code !== 'response.invalid') return undefined;
  const status = /\(HTTP (\d+)/.exec(res.failure.summary)?.[1] ?? '400';
  const said = (res.failure.detail ?? res.failure.summary).split('\n')[0]!.replace(/^The server said: /, '');
  return `filter kept, server refused -l (${status}): ${said}`;
}
