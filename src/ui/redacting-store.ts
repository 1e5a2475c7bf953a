/**
 * The browser's side of "secrets never printed": failures (summary, hints, detail) and messages
 * are redacted as they enter the store, so the status pane, the footer and every later render
 * only ever hold redacted text. The SecretSet is filled by kube-deps (kubeconfig, targets) and
 * by the client (exec plugin results).
 */
import type { Failure } from '../core/failure.js';
import { mapHint } from '../core/hint.js';
import type { SecretSet } from '../core/redact.js';
import type { Action } from './state.js';
import type { PodRow } from '../core/client/types.js';
import type { Store } from './store.js';

function redactFailure(f: Failure, secrets: SecretSet): Failure {
  const r = (s: string): string => secrets.redact(s);
  return {
    ...f,
    summary: r(f.summary),
    hints: f.hints.map((h) => mapHint(h, r)),
    ...(f.detail !== undefined ? { detail: r(f.detail) } : {}),
  };
}

/** A row with a known secret in any cell gets a redacted copy (rows without one are kept as they are). */
function redactRow(r: PodRow, secrets: SecretSet): PodRow {
  const k = (s: string): string => secrets.redactKnown(s);
  const cells = [r.namespace, r.name, r.ready, r.status, r.restarts, r.ageCell ?? '', r.ip, r.node, r.nominatedNode, r.readinessGates];
  if (cells.every((c) => k(c) === c)) return r;
  return {
    ...r,
    namespace: k(r.namespace),
    name: k(r.name),
    ready: k(r.ready),
    status: k(r.status),
    restarts: k(r.restarts),
    ...(r.ageCell !== undefined ? { ageCell: k(r.ageCell) } : {}),
    ip: k(r.ip),
    node: k(r.node),
    nominatedNode: k(r.nominatedNode),
    readinessGates: k(r.readinessGates),
  };
}

function redactAction(a: Action, secrets: SecretSet): Action {
  if (secrets.size > 0 && a.type === 'pods') return { ...a, rows: a.rows.map((r) => redactRow(r, secrets)) };
  if (secrets.size > 0 && a.type === 'changes') return { ...a, upserts: a.upserts.map((r) => redactRow(r, secrets)) };
  if (a.type === 'failed') return { ...a, failure: redactFailure(a.failure, secrets) };
  if (a.type === 'message' && a.text !== undefined) return { ...a, text: secrets.redact(a.text) };
  if (a.type === 'identity' && a.text !== undefined) return { ...a, text: secrets.redact(a.text) };
  return a;
}

/** `store`, with every failure and message redacted on dispatch. */
export function redactingStore(store: Store, secrets: SecretSet): Store {
  return {
    ...store,
    getState: () => store.getState(),
    dispatch: (a) => store.dispatch(redactAction(a, secrets)),
    subscribe: (fn) => store.subscribe(fn),
  };
}
