/**
 * The context picker's result for the context the browser shows, from what its live pipeline
 * already knows (the last list and who the server said the user is) instead of a new check.
 * Only when the browser looks exactly where the check would: the same server, user and namespace,
 * no label selector, and a list that has answered (pods listed, or a failure explained).
 */
import { hintText } from '../core/hint.js';
import type { ContextCheck } from '../core/health/index.js';
import type { Target } from '../core/target.js';
import type { UiState } from './state.js';

interface LiveFacts {
  /** The context asked about. */
  name: string;
  /** The kubeconfig's current-context. */
  current: string | undefined;
  /** What the browser is connected to (undefined: nothing). */
  target: Target | undefined;
  /** The context resolved as the check resolves it (no user or namespace chosen in the browser). */
  plain: Target | undefined;
  /** The `-l` selector applied by the server (a filtered list counts fewer pods). */
  labelSelector: string | undefined;
  /** The username the server reported (SelfSubjectReview). */
  identity: string | undefined;
  state: UiState;
}

/** The check's answer from the browser's pipeline, or undefined when it cannot stand in for a check. */
export function liveCheck(f: LiveFacts): ContextCheck | undefined {
  const { target, plain, state } = f;
  if (!target || !plain || target.contextName !== f.name || f.labelSelector) return undefined;
  const shown = state.target?.namespace;
  if (shown !== plain.namespace || target.server !== plain.server || target.userName !== plain.userName) return undefined;
  const t = state.table;
  const base = {
    name: f.name,
    current: f.current === f.name,
    cluster: target.clusterName,
    user: target.userName,
    namespace: plain.namespace,
    ms: 0,
  };
  if (t.failure)
    return {
      ...base,
      result: 'failed',
      stage: t.failure.stage,
      code: t.failure.code,
      summary: t.failure.summary,
      hints: t.failure.hints.map((h) => hintText(h, 'cli')),
    };
  if (!t.hasData || t.loading || t.stale) return undefined;
  return { ...base, result: 'ok', hints: [], pods: t.rows.size, ...(f.identity !== undefined ? { identity: f.identity } : {}) };
}
