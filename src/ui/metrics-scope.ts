/**
 * Which usage the table needs now, in proportion to what is on screen: the namespaces of the rows
 * on screen (a metrics list each) when they are few and small; the pods on screen one by one
 * (`namespace/name`, a GET each) where a namespace is large or the screen spans many namespaces;
 * every pod's usage (undefined) only when sorted by usage.
 */
import type { TableState } from './screens/table-model.js';

/** More namespaces on screen than this: the pods on screen are read one by one. */
export const MAX_SCOPED_NAMESPACES = 3;

/** A namespace with more pods than this is not listed for the usage of the few on screen. */
export const MAX_LISTED_PODS = 1000;

/**
 * The usage to read: namespaces, and pods as `namespace/name` (a namespace name has no "/");
 * undefined: all pods' usage is needed.
 */
export function metricsScope(t: TableState): string[] | undefined {
  if (t.sort === 'cpu' || t.sort === 'memory') return undefined;
  const end = Math.min(t.view.length, t.top + t.viewport);
  const shown = t.view.slice(t.top, end);
  const namespaces = [...new Set(shown.map((r) => r.namespace))];
  const listed = new Set(
    namespaces.length > MAX_SCOPED_NAMESPACES ? [] : namespaces.filter((ns) => t.rows.namespaceCount(ns) <= MAX_LISTED_PODS),
  );
  const out = [...listed];
  for (const r of shown) if (!listed.has(r.namespace)) out.push(`${r.namespace}/${r.name}`);
  return out;
}

/** The pods on screen, `namespace/name` (their shares of requests and limits are shown). */
export function podsOnScreen(t: TableState): string[] {
  const end = Math.min(t.view.length, t.top + t.viewport);
  return t.view.slice(t.top, end).map((r) => `${r.namespace}/${r.name}`);
}
