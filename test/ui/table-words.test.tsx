/** Issue 10 items 3, 13, 14 (header count) and 11 (Esc on the no-kubeconfig screen): the table as a newcomer reads it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/App.js';
import { handleKey } from '../../src/ui/input.js';
import { sortRows } from '../../src/ui/rows.js';
import { initialState, reduce } from '../../src/ui/state.js';
import { createStore } from '../../src/ui/store.js';
import { failure } from '../../src/core/failure.js';
import { KEYS, renderSized } from '../helpers/ink.js';
import { row } from './fake-client.js';

const now = (): Date => new Date('2026-06-01T00:00:00Z');

function setup(color = false) {
  const store = createStore();
  store.dispatch({
    type: 'target',
    target: { context: 'a', cluster: 'c', server: 'https://a', user: 'u', userOverridden: false, namespace: 'default' },
  });
  store.dispatch({
    type: 'pods',
    rows: [
      row('a-done', { status: 'Completed' }),
      row('b-run', { status: 'Running' }),
      row('c-crash', { status: 'CrashLoopBackOff' }),
      row('d-pend', { status: 'Pending' }),
      row('e-err', { status: 'Error' }),
    ],
    at: now(),
  });
  const ui = renderSized(<App store={store} color={color} now={now} onQuit={() => undefined} />, 100, 24);
  return { store, ui };
}

const names = (store: ReturnType<typeof createStore>): string[] => store.getState().table.view.map((r) => r.name);

test('sort by status puts problems first: failing, pending, running, completed', () => {
  const rows = ['Completed', 'Running', 'Pending', 'CrashLoopBackOff', 'Succeeded', 'ContainerCreating', 'Error'].map((s, i) =>
    row(`p${i}`, { status: s }),
  );
  assert.deepEqual(
    sortRows(rows, 'status').map((r) => r.status),
    ['CrashLoopBackOff', 'Error', 'ContainerCreating', 'Pending', 'Running', 'Completed', 'Succeeded'],
  );
});

test('pressing a sort key again reverses it; the sorted column shows an arrow, N included', async (t) => {
  const { store, ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('NAME↓'), 'name sort marked');
  assert.deepEqual(names(store), ['a-done', 'b-run', 'c-crash', 'd-pend', 'e-err']);
  await ui.press('N', (x) => x.includes('NAME↑'), 'name reversed');
  assert.deepEqual(names(store), ['e-err', 'd-pend', 'c-crash', 'b-run', 'a-done']);
  await ui.press('S', (x) => x.includes('STATUS↓') && x.includes('NAME ') && !x.includes('NAME↑'), 'status sort');
  assert.deepEqual(names(store), ['c-crash', 'e-err', 'd-pend', 'b-run', 'a-done']);
  await ui.press('S', (x) => x.includes('STATUS↑'), 'status reversed');
  assert.deepEqual(names(store), ['a-done', 'b-run', 'd-pend', 'e-err', 'c-crash']);
  await ui.press('N', (x) => x.includes('NAME↓'), 'another key sorts its usual way');
  assert.deepEqual(names(store), ['a-done', 'b-run', 'c-crash', 'd-pend', 'e-err']);
});

test('the header counts pods, and matches while filtering', async (t) => {
  const { ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('5 pods'), 'pod count');
  await ui.press('/r', (x) => x.includes('3/5 match'), 'count while filtering');
});

for (const color of [false, true]) {
  test(`the selected row stays visible in reverse video with colour ${color ? 'on' : 'off'} (--no-color and NO_COLOR alike)`, async (t) => {
    const { ui } = setup(color);
    t.after(() => ui.unmount());
    await ui.waitFor((x) => x.includes('a-done'), 'table');
    const rawLine = (name: string): string => (ui.frames.at(-1) ?? '').split('\n').find((l) => l.includes(name)) ?? '';
    await ui.waitFor(() => rawLine('a-done').includes('\u001b[7m'), 'the first row in reverse video', 3000);
    ui.stdin.write('j');
    await ui.waitFor(() => rawLine('b-run').includes('\u001b[7m'), 'the selected row in reverse video', 3000);
    const raw = ui.frames.at(-1) ?? '';
    assert.ok(!(raw.split('\n').find((l) => l.includes('a-done')) ?? '').includes('\u001b[7m'), 'other rows are not');
  });
}

test('Esc on the no-kubeconfig screen does not quit (q does)', () => {
  const store = createStore(
    reduce(initialState(), { type: 'base', screen: { id: 'noconfig', state: { failure: failure('kubeconfig.not-found', 'none') } } }),
  );
  let quit = 0;
  handleKey('', { escape: true }, { store, quit: () => quit++, now: () => new Date(0) });
  assert.equal(quit, 0);
  handleKey('q', {}, { store, quit: () => quit++, now: () => new Date(0) });
  assert.equal(quit, 1);
  void KEYS;
});
