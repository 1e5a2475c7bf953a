/**
 * Opens the table's pickers: each one is the generic picker screen with a title, its items
 * (from picker-items.ts) and what choosing does. A new picker is one more function like these.
 */
import { findNamespacesAllowingPods } from '../core/client/allowed-namespaces.js';
import { contextItems, namespaceItems, userItems, withHealth } from './picker-items.js';
import { fillPicker, newPicker, pickerItems, type PickerChoice, type PickerFill, type PickerState } from './screens/picker-model.js';
import type { UiSession } from './session.js';
import { ALL_NAMESPACES } from './session-types.js';
import { neutralize } from '../core/terminal-text.js';
import type { Store } from './store.js';

/** Pushes a picker and returns a function that fills it in (ignored once the picker has closed). */
export function openPicker(store: Store, title: string, onChoose: (choice: PickerChoice) => void): (fill: PickerFill) => void {
  const key = store.getState().nextKey;
  const picker: PickerState = newPicker(title, onChoose);
  store.dispatch({ type: 'push', screen: { id: 'picker', state: picker } });
  return (fill) => {
    const entry = store.getState().stack.find((e) => e.key === key);
    if (entry?.id !== 'picker') return;
    store.dispatch({ type: 'update', key, screen: { id: 'picker', state: fillPicker(entry.state, fill) } });
  };
}

/**
 * The context picker. With health checks, every context is checked in the background from the
 * moment it opens: results fill in as they arrive (the highlight, the typed filter and Tab's
 * "only working" stay as they are), `r` checks again, and closing the picker stops the checks.
 */
export function openContextPicker(store: Store, session: UiSession, note?: string): void {
  const key = store.getState().nextKey;
  const fill = openPicker(store, 'Contexts', (c) => session.switchContext(c.id));
  const health = session.health;
  const view = session.kubeconfig();
  const items = (): PickerFill => {
    const fill = contextItems(view, session.selection.context);
    return note === undefined ? fill : { ...fill, note };
  };
  if (!health) return fill(items());
  const names = view.contexts.map((c) => c.name);
  const entry = (): PickerState | undefined => {
    const e = store.getState().stack.find((x) => x.key === key);
    return e?.id === 'picker' ? e.state : undefined;
  };
  fill(withHealth(items(), (n) => health.get(n)));
  const current = entry();
  if (current)
    store.dispatch({ type: 'update', key, screen: { id: 'picker', state: { ...current, refresh: () => health.refresh(names) } } });
  const refill = (): void => {
    const p = entry();
    if (p)
      store.dispatch({
        type: 'update',
        key,
        screen: { id: 'picker', state: pickerItems(p, withHealth(items(), (n) => health.get(n)).items) },
      });
  };
  const stopHealth = health.subscribe(refill);
  const stopStore = store.subscribe(() => {
    if (entry()) return;
    stopHealth();
    stopStore();
    health.stop();
  });
  health.ensure(names);
}

/** At start: when the chosen context does not exist, the context picker opens over its explanation. */
export function openContextPickerIfMissing(store: Store, session: UiSession): void {
  const f = store.getState().table.failure;
  if (session.contextMissing && f) openContextPicker(store, session, `${neutralize(f.summary)} Choose one:`);
}

export function openUserPicker(store: Store, session: UiSession): void {
  const fill = openPicker(store, 'Users (applied to the current cluster)', (c) => session.switchUser(c.id));
  fill(userItems(session.kubeconfig(), session.target?.userName, session.target?.clusterName));
}

/** The namespace picker: the server's list, or (when it will not list them) the known namespaces where listing pods is allowed. */
export function openNamespacePicker(store: Store, session: UiSession): void {
  const fill = openPicker(store, 'Namespaces', (c) => session.switchNamespace(c.id === ALL_NAMESPACES ? null : c.id));
  const chosen = session.chosenNamespace();
  const current = session.selection.namespace === null ? undefined : session.target?.namespace;
  const client = session.client;
  if (!client) return fill(namespaceItems({ kind: 'offline' }, chosen, current));
  const signal = session.signal;
  void (async () => {
    const res = await client.listNamespaces(signal);
    if (signal.aborted) return;
    if (res.ok) {
      session.noteNamespaces(res.value);
      return fill(namespaceItems({ kind: 'listed', names: res.value }, chosen, current));
    }
    const known = session.knownNamespaces();
    if (current) known.push(current);
    // Their rules reviews may also name namespaces (get on namespaces by name), which are checked too.
    const { allowed } = await findNamespacesAllowingPods(client, known, signal);
    if (signal.aborted) return;
    fill(namespaceItems({ kind: 'allowed', names: allowed, forbidden: res.failure.code === 'authorization.forbidden' }, chosen, current));
  })();
}
