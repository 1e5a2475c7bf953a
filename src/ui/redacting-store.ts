/**
 * The browser's side of "secrets never printed": failures (summary, hints, detail), messages,
 * the row finding and the text of pushed screens (confirm lines, picker titles, notes, entries
 * and their check results) are redacted as they enter the store, so the status pane, the footer
 * and every later render only ever hold redacted text. The SecretSet is filled by kube-deps (kubeconfig, targets) and
 * by the client (exec plugin results).
 */
import type { Failure } from '../core/failure.js';
import { mapHint } from '../core/hint.js';
import type { SecretSet } from '../core/redact.js';
import type { Action, NewScreen } from './state.js';
import type { PickerItem } from './screens/picker-model.js';
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

/** A picker entry with a known secret (or, in its check result, a secret shape) gets a redacted copy. */
function redactItem(i: PickerItem, secrets: SecretSet): PickerItem {
  const k = (s: string): string => secrets.redactKnown(s);
  const label = k(i.label);
  const detail = i.detail === undefined ? undefined : k(i.detail);
  const status = i.status === undefined ? undefined : secrets.redact(i.status.text);
  if (label === i.label && detail === i.detail && status === i.status?.text) return i;
  return {
    ...i,
    label,
    ...(detail !== undefined ? { detail } : {}),
    ...(i.status !== undefined && status !== undefined ? { status: { ...i.status, text: status } } : {}),
  };
}

/** The text a screen brings with it, redacted (screens whose text comes from elsewhere are kept as they are). */
function redactScreen(screen: NewScreen, secrets: SecretSet): NewScreen {
  const r = (s: string): string => secrets.redact(s);
  switch (screen.id) {
    case 'confirm': {
      const c = screen.state;
      const state = { ...c, title: r(c.title), lines: c.lines.map(r), ...(c.footer !== undefined ? { footer: r(c.footer) } : {}) };
      return { id: 'confirm', state };
    }
    case 'picker': {
      const p = screen.state;
      const items = p.items.map((i) => redactItem(i, secrets));
      const state = { ...p, title: r(p.title), items, ...(p.note !== undefined ? { note: r(p.note) } : {}) };
      return { id: 'picker', state };
    }
    case 'noconfig':
      return screen.state.failure ? { id: 'noconfig', state: { failure: redactFailure(screen.state.failure, secrets) } } : screen;
    default:
      return screen;
  }
}

/**
 * Rows already redacted, while the secrets are as they were: a poll answer that did not change
 * brings the same row objects, which then keep the same redacted rows (and cost one lookup each).
 */
class RowRedactor {
  private done = new WeakMap<PodRow, PodRow>();
  private size = -1;
  /** The last list given and what it became: a poll brings mostly the same rows at the same places. */
  private lastIn: readonly PodRow[] = [];
  private lastOut: readonly PodRow[] = [];

  constructor(private readonly secrets: SecretSet) {}

  /** `rows` redacted: a row at the same place as in the last list is looked up by place, not by object. */
  list(rows: readonly PodRow[]): PodRow[] {
    if (this.secrets.size !== this.size) this.lastIn = this.lastOut = [];
    const out = new Array<PodRow>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      out[i] = this.lastIn[i] === r ? this.lastOut[i]! : this.row(r);
    }
    this.lastIn = rows;
    this.lastOut = out;
    return out;
  }

  row(r: PodRow): PodRow {
    if (this.secrets.size !== this.size) {
      // A secret was added: every row is checked again.
      this.size = this.secrets.size;
      this.done = new WeakMap();
    }
    let out = this.done.get(r);
    if (out === undefined) {
      out = redactRow(r, this.secrets);
      this.done.set(r, out);
    }
    return out;
  }
}

function redactAction(a: Action, secrets: SecretSet, rows: RowRedactor): Action {
  if (secrets.size > 0 && a.type === 'pods') return { ...a, rows: rows.list(a.rows) };
  if (secrets.size > 0 && a.type === 'first-rows') return { ...a, rows: a.rows.map((r) => rows.row(r)) };
  if (secrets.size > 0 && a.type === 'changes') return { ...a, upserts: a.upserts.map((r) => rows.row(r)) };
  if (a.type === 'failed') return { ...a, failure: redactFailure(a.failure, secrets) };
  if (a.type === 'message' && a.text !== undefined) return { ...a, text: secrets.redact(a.text) };
  if (a.type === 'identity' && a.text !== undefined) return { ...a, text: secrets.redact(a.text) };
  if (a.type === 'row-finding' && a.text !== undefined) return { ...a, text: secrets.redact(a.text) };
  if (a.type === 'push' || a.type === 'base' || a.type === 'update') return { ...a, screen: redactScreen(a.screen, secrets) };
  return a;
}

/** `store`, with every failure and message redacted on dispatch. */
export function redactingStore(store: Store, secrets: SecretSet): Store {
  const rows = new RowRedactor(secrets);
  return {
    ...store,
    getState: () => store.getState(),
    dispatch: (a) => store.dispatch(redactAction(a, secrets, rows)),
    subscribe: (fn) => store.subscribe(fn),
    flush: () => store.flush(),
  };
}
