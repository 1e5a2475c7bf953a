/**
 * What the UI session works with: the selection (context, user override, namespace), the
 * kubeconfig as the pickers see it, and the outside world it is given (injected so the session
 * runs against fakes or the simulator).
 */
import type { CheckRunner } from '../core/health/index.js';
import type { KubeClient } from '../core/client/types.js';
import type { Result } from '../core/failure.js';
import type { Target } from '../core/target.js';
import type { RetryNotice } from '../core/client/transport.js';

/** One context as the pickers show it. */
export interface ContextEntry {
  name: string;
  cluster: string;
  user: string;
  namespace?: string | undefined;
  /** A description (the demo's scenario), shown instead of cluster/user/namespace in the picker. */
  note?: string | undefined;
}

/** What the pickers and the session need from the merged kubeconfig. */
export interface KubeconfigView {
  current?: string | undefined;
  contexts: readonly ContextEntry[];
  users: readonly string[];
}

/** A choice of context, user override and namespace (null: all namespaces). */
export interface Selection {
  context: string;
  user?: string | undefined;
  namespace?: string | null | undefined;
}

/** What the session wants to hear from a client it creates. */
export interface ClientHooks {
  /** Before each Retry-After wait of a 429/5xx answer. */
  onRetry?: (notice: RetryNotice) => void;
  /** A credential plugin started (its name) or ended (undefined). */
  onExecRunning?: (plugin: string | undefined) => void;
}

/** The outside world the session needs, injected so it runs against fakes or the simulator. */
export interface SessionDeps {
  now(): Date;
  /** The kubeconfig as last loaded (kpods follows its files; see kubeconfig-follow.ts). */
  kubeconfig(): KubeconfigView;
  resolve(sel: Selection): Result<Target>;
  createClient(target: Target, hooks?: ClientHooks): KubeClient;
  /** When the credential of `target` expires, if known. */
  expiry?(target: Target): Date | undefined;
  /** Checks contexts in the background (the context picker's result column); absent: no checks. */
  checkContexts?: CheckRunner | undefined;
}

export interface SessionOptions {
  intervalMs: number;
  watch: boolean;
}

/** The all-namespaces entry's id in the namespace picker. */
export const ALL_NAMESPACES = '\u0000all';
