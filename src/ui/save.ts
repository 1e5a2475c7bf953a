/** Saving the current context and namespace to the kubeconfig: a Confirm screen, then the write. */
import type { Failure, Result } from '../core/failure.js';
import { hintText } from '../core/hint.js';
import { saveFailed } from '../core/kubeconfig/index.js';
import type { ConfirmState } from './screens/confirm-model.js';
import type { UiSession } from './session.js';
import type { Store } from './store.js';

/** Writing the kubeconfig, injected. */
export interface SaveDeps {
  /** One line saying which file saving would change and how. */
  savePreview(context: string, namespace: string): string;
  save(context: string, namespace: string): Promise<Result<string>>;
}

/** Opens the generic Confirm screen. */
export function openConfirm(store: Store, confirm: ConfirmState): void {
  store.dispatch({ type: 'push', screen: { id: 'confirm', state: confirm } });
}

/** Shows what saving would change; y or Enter writes it. */
export function requestSave(store: Store, session: UiSession, saver: SaveDeps): void {
  const context = session.selection.context;
  const namespace = session.saveNamespace();
  openConfirm(store, {
    title: 'Save to the kubeconfig?',
    lines: [saver.savePreview(context, namespace)],
    onConfirm: () => void saveNow(store, saver, context, namespace),
  });
}

async function saveNow(store: Store, saver: SaveDeps, context: string, namespace: string): Promise<void> {
  const res = await saver.save(context, namespace).catch((e: unknown) => ({ ok: false as const, failure: saveFailed(e) }));
  store.dispatch({ type: 'message', text: res.ok ? `saved: ${res.value}` : notSaved(res.failure) });
}

/** The footer line of a failed save: what went wrong and what to do (the first hint). */
function notSaved(f: Failure): string {
  const hint = f.hints[0];
  return `not saved: ${f.summary}${hint === undefined ? '' : ` → ${hintText(hint, 'browser')}`}`;
}
