/** What the browser's store holds is redacted: pushed screens and the row finding too, not only failures and messages. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretSet } from '../../src/core/redact.js';
import { redactingStore } from '../../src/ui/redacting-store.js';
import { createStore } from '../../src/ui/store.js';
import { newPicker } from '../../src/ui/screens/picker-model.js';
import { failure } from '../../src/core/failure.js';

const token = 'held-token-0123456789abcdef';

function store() {
  const secrets = new SecretSet();
  secrets.add(token);
  return redactingStore(createStore(), secrets);
}

/** Everything the state holds, as text (functions left out). */
function seen(s: ReturnType<typeof store>): string {
  return JSON.stringify(s.getState(), (_k, v: unknown) => (v instanceof Set ? [...v] : v instanceof Map ? [...v] : v));
}

test('a confirm screen echoing a held token is pushed redacted', () => {
  const s = store();
  s.dispatch({
    type: 'push',
    screen: { id: 'confirm', state: { title: `Use ${token}?`, lines: [`will send ${token}`], onConfirm: () => undefined, footer: token } },
  });
  const text = seen(s);
  assert.ok(!text.includes(token), text);
  assert.match(text, /will send <redacted>/);
});

test("a picker's title, note, entries and check results are redacted on push and on update", () => {
  const s = store();
  const picker = {
    ...newPicker(`Contexts ${token}`, () => undefined),
    note: `partial: ${token}`,
    items: [{ id: 'a', label: `ctx-${token}`, detail: token, status: { tone: 'failed' as const, text: `401 for ${token}` } }],
  };
  s.dispatch({ type: 'push', screen: { id: 'picker', state: picker } });
  assert.ok(!seen(s).includes(token), seen(s));
  const key = s.getState().stack.at(-1)!.key;
  s.dispatch({
    type: 'update',
    key,
    screen: { id: 'picker', state: { ...picker, items: [{ id: 'b', label: 'b', status: { tone: 'failed', text: `again ${token}` } }] } },
  });
  assert.ok(!seen(s).includes(token), seen(s));
  assert.match(seen(s), /again <redacted>/);
});

test('the no-kubeconfig screen and the row finding are redacted', () => {
  const s = store();
  s.dispatch({ type: 'base', screen: { id: 'noconfig', state: { failure: failure('kubeconfig.not-found', `no file; ${token}`) } } });
  s.dispatch({ type: 'row-finding', sig: 'x', text: `Back-off: ${token}` });
  assert.ok(!seen(s).includes(token), seen(s));
  assert.equal(s.getState().rowFinding?.text, 'Back-off: <redacted>');
});

test('pod rows are redacted once per row object, and again when a secret is added', async () => {
  const { row } = await import('./fake-client.js');
  const secrets = new SecretSet();
  secrets.add(token);
  const s = redactingStore(createStore(), secrets);
  const held = row('a', { node: token });
  const plain = row('b', { node: 'node-other-secret-0123456789' });
  s.dispatch({ type: 'pods', rows: [held, plain], at: new Date(0) });
  const first = s.getState().table.rows;
  assert.ok(!seen(s).includes(token));
  assert.equal(first.get(plain.key), plain);
  s.dispatch({ type: 'pods', rows: [held, plain], at: new Date(1) });
  assert.equal(s.getState().table.rows, first);
  // Rows at other places than in the last list (they are looked up by place first).
  s.dispatch({ type: 'pods', rows: [plain, held, row('c')], at: new Date(1) });
  assert.ok(!seen(s).includes(token));
  s.dispatch({ type: 'pods', rows: [held, plain], at: new Date(1) });
  assert.ok(!seen(s).includes(token));
  secrets.add('node-other-secret-0123456789');
  s.dispatch({ type: 'pods', rows: [held, plain], at: new Date(2) });
  assert.ok(!seen(s).includes('node-other-secret-0123456789'));
});

test('the first rows of a loading list are redacted too', async () => {
  const { row } = await import('./fake-client.js');
  const secrets = new SecretSet();
  secrets.add(token);
  const s = redactingStore(createStore(), secrets);
  s.dispatch({ type: 'table-reset', loading: true });
  s.dispatch({ type: 'first-rows', rows: [row('a', { node: token })] });
  assert.equal(s.getState().table.rows.size, 1);
  assert.ok(!seen(s).includes(token), seen(s));
});
