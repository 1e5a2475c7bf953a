/**
 * Follows the kubeconfig while kpods runs: when a file of the chain changes (another terminal
 * ran `kubectl config use-context`), reload it, move to the new current-context (unless
 * --context pinned one) or re-resolve the current selection, and say what happened.
 */
import { neutralize } from '../core/terminal-text.js';
import type { KubeconfigSource, ReloadOutcome } from './kubeconfig-source.js';
import type { UiSession } from './session.js';
import type { Store } from './store.js';
import { watchFiles, type FileWatch, type WatchFilesOptions } from './watch-files.js';

interface FollowOptions {
  /** True when --context chose the context: kpods then stays on it. */
  pinnedContext: boolean;
}

/** Applies one reload's outcome to the session and the store; returns what it found. */
function applyReload(source: KubeconfigSource, session: UiSession, store: Store, o: FollowOptions): ReloadOutcome {
  const outcome = source.reload();
  switch (outcome.kind) {
    case 'unchanged':
      break;
    case 'invalid':
      store.dispatch({
        type: 'message',
        text: `kubeconfig changed on disk but no longer loads (kpods keeps the last good one): ${outcome.failure.summary}`,
      });
      break;
    case 'changed': {
      const to = outcome.currentContext?.to;
      if (to !== undefined && !o.pinnedContext && to !== session.selection.context) {
        session.switchContext(to);
        store.dispatch({ type: 'message', text: `kubeconfig changed: current-context is now "${neutralize(to)}"` });
      } else {
        if (session.reapplyIfChanged()) store.dispatch({ type: 'message', text: 'kubeconfig changed: reloaded' });
      }
      break;
    }
  }
  return outcome;
}

/** Watches the chain's `files` and applies every (debounced) change; close it on quit. */
export function followKubeconfig(
  files: readonly string[],
  source: KubeconfigSource,
  session: UiSession,
  store: Store,
  o: FollowOptions & WatchFilesOptions,
): FileWatch {
  return watchFiles(files, () => applyReload(source, session, store, o), o);
}
