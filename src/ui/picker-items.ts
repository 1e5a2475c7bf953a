/** Pure builders of the pickers' entries: contexts, users and namespaces (no I/O, no store). */
import { neutralize } from '../core/terminal-text.js';
import type { PickerFill, PickerItem, PickerStatus } from './screens/picker-model.js';
import { resultCell, type HealthEntry } from '../core/health/index.js';
import { ALL_NAMESPACES, type KubeconfigView } from './session-types.js';

/** The contexts of the kubeconfig, the current one marked. */
export function contextItems(view: KubeconfigView, currentContext: string | undefined): PickerFill {
  const items: PickerItem[] = view.contexts.map((c) => ({
    id: c.name,
    label: c.name,
    detail: c.note !== undefined ? c.note : `cluster ${c.cluster}  user ${c.user}  namespace ${c.namespace ?? 'default'}`,
    current: c.name === currentContext,
  }));
  return { items, note: items.length ? undefined : 'no contexts in the kubeconfig' };
}

/** The users of the kubeconfig (applied to the current cluster), the target's user marked. */
export function userItems(view: KubeconfigView, currentUser: string | undefined, cluster: string | undefined): PickerFill {
  return {
    items: view.users.map((u) => ({ id: u, label: u, current: u === currentUser })),
    note: `applied to cluster ${cluster ?? '?'}; pick context again to drop the override`,
  };
}

/** Where the namespace list came from. */
export type NamespaceSource =
  | { kind: 'listed'; names: readonly string[] }
  /** The server would not list namespaces (`forbidden`: a 403); these are the known ones where listing pods is allowed. */
  | { kind: 'allowed'; names: readonly string[]; forbidden: boolean }
  | { kind: 'offline' };

/**
 * The namespace picker's entries: "all namespaces" first, then the names. `chosen` is the
 * namespace chosen this session (null: all namespaces), `current` the target's.
 */
export function namespaceItems(source: NamespaceSource, chosen: string | null | undefined, current: string | undefined): PickerFill {
  const all: PickerItem = { id: ALL_NAMESPACES, label: 'all namespaces', current: chosen === null };
  const mark = (ns: string): PickerItem => ({ id: ns, label: neutralize(ns), current: chosen !== null && ns === (chosen ?? current) });
  switch (source.kind) {
    case 'offline':
      return { items: [all], acceptTyped: true, note: 'not connected; type a namespace' };
    case 'listed':
      return { items: [all, ...source.names.map(mark)], acceptTyped: true };
    case 'allowed': {
      const why = source.forbidden ? 'listing namespaces is forbidden' : 'namespaces could not be listed';
      return {
        items: [all, ...source.names.map(mark)],
        acceptTyped: true,
        note: `${why}; type a name, or pick one where you may list pods`,
      };
    }
  }
}

/** The picker's result column for one context's check (undefined: not checked). */
export function healthStatus(entry: HealthEntry | undefined): PickerStatus | undefined {
  if (!entry) return undefined;
  if (entry.state === 'pending') return { tone: 'pending', text: 'checking' };
  const c = entry.check;
  if (c.result === 'skipped') return { tone: 'skipped', text: 'skipped: needs a terminal' };
  return { tone: c.result, text: neutralize(resultCell(c)) };
}

/** The context entries with each one's check result. */
export function withHealth(fill: PickerFill, health: (name: string) => HealthEntry | undefined): PickerFill {
  return { ...fill, items: fill.items.map((i) => ({ ...i, status: healthStatus(health(i.id)) })) };
}
