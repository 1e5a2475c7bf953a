/**
 * Which namespaces' usage the table needs now: those of the rows on screen (a metrics list each
 * instead of every pod's usage every 10 s), or all of them when sorted by usage or when the screen
 * shows pods of more than a few namespaces.
 */
import type { TableState } from './screens/table-model.js';

/** More namespaces on screen than this: all pods' usage is read (one list). */
export const MAX_SCOPED_NAMESPACES = 3;

/** The namespaces whose usage is shown; undefined: all pods' usage is needed. */
export function metricsScope(t: TableState): string[] | undefined {
  if (t.sort === 'cpu' || t.sort === 'memory') return undefined;
  const out: string[] = [];
  const end = Math.min(t.view.length, t.top + t.viewport);
  for (let i = t.top; i < end; i++) {
    const ns = t.view[i]!.namespace;
    if (out.includes(ns)) continue;
    if (out.length === MAX_SCOPED_NAMESPACES) return undefined;
    out.push(ns);
  }
  return out;
}
