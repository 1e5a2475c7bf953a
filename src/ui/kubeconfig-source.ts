/**
 * The kubeconfig, loaded and merged once and then followed: `reload()` loads the chain again
 * (when a file changed on disk) and says what changed. A file that became invalid keeps the
 * last good kubeconfig in use and is reported, never fatal. Pure apart from the injected loader.
 */
import type { Result } from '../core/failure.js';
import type { Failure } from '../core/failure.js';
import type { LoadedKubeconfig } from '../core/kubeconfig/index.js';

/** What a reload found. */
export type ReloadOutcome =
  | { kind: 'unchanged' }
  /** The merged kubeconfig changed; `currentContext` says whether its current-context did. */
  | { kind: 'changed'; config: LoadedKubeconfig; currentContext?: { from: string | undefined; to: string | undefined } | undefined }
  /** It no longer loads: the last good one stays in use. */
  | { kind: 'invalid'; failure: Failure };

export interface KubeconfigSource {
  /** The kubeconfig in use: the last one that loaded (or the first failure, when none ever did). */
  current(): Result<LoadedKubeconfig>;
  /** Loads the chain again. */
  reload(): ReloadOutcome;
}

/** What a kubeconfig says, for telling a real change from a rewrite of the same content. */
function fingerprint(c: LoadedKubeconfig): string {
  const { warnings: _w, ...rest } = c;
  return JSON.stringify(rest);
}

/** Compares a fresh load with the one in use. */
export function compareLoads(previous: Result<LoadedKubeconfig>, next: Result<LoadedKubeconfig>): ReloadOutcome {
  if (!next.ok) return { kind: 'invalid', failure: next.failure };
  if (previous.ok && fingerprint(previous.value) === fingerprint(next.value)) return { kind: 'unchanged' };
  const from = previous.ok ? previous.value.currentContext : undefined;
  const to = next.value.currentContext;
  return { kind: 'changed', config: next.value, ...(from !== to ? { currentContext: { from, to } } : {}) };
}

/** A source that loads with `load` now and again on every `reload()`. */
export function kubeconfigSource(load: () => Result<LoadedKubeconfig>): KubeconfigSource {
  let inUse = load();
  return {
    current: () => inUse,
    reload() {
      const outcome = compareLoads(inUse, load());
      if (outcome.kind === 'changed') inUse = { ok: true, value: outcome.config };
      return outcome;
    },
  };
}
