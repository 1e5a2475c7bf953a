/** What the header shows for a selection that did not resolve to a target (from the kubeconfig's own entry, if any). */
import type { KubeconfigView, Selection } from './session-types.js';
import type { TargetInfo } from './state.js';

export function unresolvedTarget(sel: Selection, kubeconfig: KubeconfigView): TargetInfo {
  const contextEntry = kubeconfig.contexts.find((c) => c.name === sel.context);
  return {
    context: sel.context,
    cluster: contextEntry?.cluster ?? '',
    server: '',
    user: sel.user ?? contextEntry?.user ?? '',
    userOverridden: sel.user !== undefined,
    namespace: sel.namespace ?? contextEntry?.namespace ?? undefined,
    unresolved: true,
  };
}
