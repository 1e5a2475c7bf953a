/**
 * Puts a new `-l` selector of the `/` filter to the server before the table switches to it: one
 * list of at most one pod. A 400 comes back as the footer line that says why in plain words (the
 * part of the selector that is not a requirement, when kpods finds it) and what to write instead;
 * anything else lets the selector through (the pod feed then reports what happens).
 */
import type { KubeClient } from '../core/client/types.js';
import { parseLabelSelector } from '../core/label-selector.js';
import { quoteCapped } from '../core/terminal-text.js';
import { metricsCallerOf } from './metrics-feed.js';

/** The footer line for a selector the server refused with `status`. */
export function refusedSelector(selector: string, status: string): string {
  const parsed = parseLabelSelector(selector);
  return parsed.ok
    ? `filter kept: server refused -l (HTTP ${status}) → check the label keys and values (letters, digits, - _ . ; at most 63)`
    : `filter kept: server refused -l (HTTP ${status}) at ${quoteCapped(parsed.part, 30)} → use key=v, key!=v, key in (a,b), key notin (a,b), key, !key`;
}

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
  return refusedSelector(selector, status);
}
