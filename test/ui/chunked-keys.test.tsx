/** Issue 10 item 1: keys that arrive in one chunk (a paste, fast typing over SSH, a held Backspace) behave like the same keys typed one by one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/App.js';
import { splitInput } from '../../src/ui/input.js';
import { openPicker } from '../../src/ui/pickers.js';
import { topScreen } from '../../src/ui/state.js';
import { createStore } from '../../src/ui/store.js';
import { KEYS, renderSized } from '../helpers/ink.js';
import { row } from './fake-client.js';

const now = (): Date => new Date('2026-06-01T00:00:00Z');

function setup() {
  const store = createStore();
  store.dispatch({
    type: 'target',
    target: { context: 'a', cluster: 'c', server: 'https://a', user: 'u', userOverridden: false, namespace: 'default' },
  });
  store.dispatch({ type: 'pods', rows: [row('web-1'), row('web-2'), row('db-0')], at: now() });
  const ui = renderSized(<App store={store} color={false} now={now} onQuit={() => undefined} />, 100, 24);
  return { store, ui };
}

test('splitInput: one chunk becomes its keys; a whole escape sequence or a single key stays as it is', () => {
  assert.deepEqual(splitInput('/web\r', {}), [
    ['/', {}],
    ['w', {}],
    ['e', {}],
    ['b', {}],
    ['', { return: true }],
  ]);
  assert.deepEqual(splitInput('\u007f\u007f\u007f', {}), [
    ['', { backspace: true }],
    ['', { backspace: true }],
    ['', { backspace: true }],
  ]);
  assert.deepEqual(splitInput('j\u0006', {}), [
    ['j', {}],
    ['f', { ctrl: true }],
  ]);
  // Ink hands arrows, PgUp/PgDn, Home/End over already named: they stay one key.
  assert.deepEqual(splitInput('', { pageDown: true }), [['', { pageDown: true }]]);
  assert.deepEqual(splitInput('[6~', { pageDown: true }), [['[6~', { pageDown: true }]]);
  assert.deepEqual(splitInput('é', {}), [['é', {}]]);
});

test('"/web" Enter in one write filters and keeps the filter', async (t) => {
  const { store, ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('db-0'), 'table');
  await ui.press('/web\r', (x) => !x.includes('db-0') && x.includes('web-1') && !x.includes('/web▏'), 'filtered and kept');
  assert.equal(topScreen(store.getState()).id, 'table');
  assert.equal(store.getState().table.filter, 'web');
});

test('with the filter open, "web" Enter in one write keeps it; three Backspaces in one write erase three characters', async (t) => {
  const { store, ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('db-0'), 'table');
  await ui.press('/', (x) => x.includes('/▏'), 'prompt');
  await ui.press('web-1', (x) => x.includes('/web-1▏'), 'typed');
  await ui.press(KEYS.backspace.repeat(3), (x) => x.includes('/we▏'), 'three erased');
  await ui.press('b\r', (x) => !x.includes('▏') && !x.includes('db-0'), 'kept');
  assert.equal(store.getState().table.filter, 'web');
});

test('in a picker, "j" Enter in one write chooses the second entry; a pasted filter and Enter choose the match', async (t) => {
  const { store, ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('db-0'), 'table');
  const chosen: string[] = [];
  openPicker(store, 'Fruits', (c) => chosen.push(c.id))({ items: ['apple', 'banana', 'cherry'].map((id) => ({ id, label: id })) });
  await ui.waitFor((x) => x.includes('Fruits'), 'picker');
  await ui.press('j\r', () => chosen.length === 1, 'chosen');
  assert.deepEqual(chosen, ['banana']);
  openPicker(store, 'Fruits', (c) => chosen.push(c.id))({ items: ['apple', 'banana', 'cherry'].map((id) => ({ id, label: id })) });
  await ui.waitFor((x) => x.includes('Fruits'), 'picker again');
  await ui.press('/cher\r', () => chosen.length === 2, 'chosen by a pasted filter');
  assert.deepEqual(chosen, ['banana', 'cherry']);
});

test('Ctrl-F twice in one write pages down twice, as typed one by one', async (t) => {
  const { store, ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('db-0'), 'table');
  store.dispatch({ type: 'pods', rows: Array.from({ length: 60 }, (_, i) => row(`p-${String(i).padStart(2, '0')}`)), at: now() });
  await ui.waitFor((x) => x.includes('p-00'), 'many rows');
  const vp = store.getState().table.viewport;
  ui.stdin.write('\u0006\u0006');
  await ui.waitFor(() => store.getState().table.cursor === 2 * vp, `cursor at ${2 * vp}`);
});
