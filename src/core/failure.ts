/**
 * Failures as data: every problem kpods meets becomes a Failure with a stage, a stable code,
 * a plain-words summary and hints. The UI and the headless commands render the same value.
 */

import type { Hint } from './hint.js';

/** The stages of the `kubectl get pods` pipeline, in order. */
export const STAGES = ['kubeconfig', 'credentials', 'connection', 'authentication', 'authorization', 'response'] as const;
export type Stage = (typeof STAGES)[number];

/** Stable reason codes. Classify by these, never by message text. */
export type FailureCode =
  | 'kubeconfig.not-found'
  | 'kubeconfig.context-not-found'
  | 'kubeconfig.cluster-not-found'
  | 'kubeconfig.user-not-found'
  | 'kubeconfig.no-current-context'
  | 'kubeconfig.invalid'
  | 'kubeconfig.write-failed'
  | 'credentials.file-unreadable'
  | 'credentials.exec-not-found'
  | 'credentials.exec-failed'
  | 'credentials.exec-invalid-output'
  | 'credentials.exec-interactive'
  | 'credentials.cert-key-mismatch'
  | 'credentials.cert-expired'
  | 'credentials.auth-provider-removed'
  | 'credentials.oidc-failed'
  | 'credentials.invalid'
  | 'connection.dns'
  | 'connection.refused'
  | 'connection.timeout'
  | 'connection.reset'
  | 'connection.proxy'
  | 'connection.tls-unknown-authority'
  | 'connection.tls-hostname-mismatch'
  | 'connection.tls-cert-expired'
  | 'connection.tls-protocol'
  | 'authentication.unauthorized'
  | 'authorization.forbidden'
  | 'response.not-kubernetes'
  | 'response.not-found'
  | 'response.gone'
  | 'response.throttled'
  | 'response.server-error'
  | 'response.timeout'
  | 'response.invalid'
  | 'response.container-waiting'
  | 'response.no-previous-container'
  | 'response.pod-gone'
  | 'response.exec-not-found'
  | 'response.container-not-running';

/** One explained failure. `detail` holds extra facts (never secrets); `summary` is one sentence. */
export interface Failure {
  stage: Stage;
  code: FailureCode;
  summary: string;
  /** What to do; a hint may name a flag on the command line and a key in the browser (core/hint.ts). */
  hints: Hint[];
  detail?: string;
}

/** The result of an operation that can fail in an explained way. */
export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** Builds a Failure; the stage is the code's prefix. */
export function failure(code: FailureCode, summary: string, hints: Hint[] = [], detail?: string): Failure {
  const stage = code.slice(0, code.indexOf('.')) as Stage;
  return detail === undefined ? { stage, code, summary, hints } : { stage, code, summary, hints, detail };
}

/** Process exit codes of the headless commands. */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  kubeconfig: 3,
  credentials: 4,
  connection: 5,
  authentication: 6,
  authorization: 7,
  response: 8,
} as const;

/** The exit code for a failure's stage. */
export function exitCodeFor(f: Failure): number {
  return EXIT[f.stage];
}
