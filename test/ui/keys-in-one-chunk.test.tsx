/**
 * Keys typed fast (or pasted) reach kpods in one chunk: Ink splits a chunk only at escape
 * sequences, so `/name` and Enter arrive as `/name\r`. Each key must be handled in turn; handling
 * the chunk as one key lost the filter and its Enter, and `l` then opened the log of the row under
 * the unfiltered cursor — the wrong pod. Enter/d (detail), Ctrl-D and l after a filter and a sort
 * act on the highlighted row.
 */
import { test, type TestContext } from 'node:test';
import { PassThrough } from 'node:stream';
import assert from 'node:assert/strict';
import { startAppOnSim } from '../helpers/app-on-sim.js';
import { KEYS } from '../helpers/ink.js';
import { createActionsContext } from '../../src/ui/actions-setup.js';
import { splitInput } from '../../src/ui/input.js';
import { topScreen } from '../../src/ui/state.js';

function start(t: TestContext) {
  return startAppOnSim(t, {
    sim: { pods: 60 },
    feed: { intervalMs: 500, watch: false },
    selection: { context: 'admin', namespace: 'default' },
    columns: 130,
    rows: 30,
    actions: createActionsContext({
      flags: { readonly: false, readonlyContexts: [] },
      config: {},
      contextExtensions: () => undefined,
      stepAside: (fn) => fn(),
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      stdout: new PassThrough() as unknown as NodeJS.WriteStream,
      now: () => new Date(),
    }),
  });
}

test('a chunk is split into its keys: Enter, Tab, Backspace, Ctrl-letters, characters', () => {
  assert.deepEqual(splitInput('/a\r\t\u007f\u0004é', {}), [
    ['/', {}],
    ['a', {}],
    ['', { return: true }],
    ['', { tab: true }],
    ['', { backspace: true }],
    ['d', { ctrl: true }],
    ['é', {}],
  ]);
});

test('`/name` and Enter in one chunk filter to that pod; l then opens its log, Enter its detail, Ctrl-D asks about it', async (t) => {
  const { store, ui } = await start(t);
  const onTable = (): boolean => topScreen(store.getState()).id === 'table';
  await ui.waitFor((x) => x.includes('Running'), 'rows');
  const view = store.getState().table.view;
  const pod = view.at(-1)!.name;
  assert.notEqual(view[store.getState().table.cursor]?.name, pod, 'the cursor starts elsewhere');
  ui.stdin.write(`/${pod}\r`);
  await ui.waitFor(() => topScreen(store.getState()).id === 'table' && store.getState().table.filter === pod, 'the filter kept');
  await ui.press('l', (x) => x.includes('Logs default/'), 'a log', 20_000);
  assert.match(ui.frame(), new RegExp(`Logs default/${pod}\\b`));
  await ui.press(KEYS.escape, onTable, 'back to the table');
  await ui.press(KEYS.enter, () => topScreen(store.getState()).id === 'detail', 'the detail');
  const detail = topScreen(store.getState());
  assert.equal(detail.id === 'detail' ? detail.state.name : undefined, pod);
  await ui.press(KEYS.escape, onTable, 'back to the table');
  await ui.press('\u0004', (x) => x.includes('Delete pod'), 'the confirmation', 15_000);
  assert.match(ui.frame(), new RegExp(`Delete pod ${pod}\\?`));
  await ui.press('n', onTable, 'cancelled');
});

test('after a sort and a filter typed key by key, l, Enter and Ctrl-D act on the highlighted row', async (t) => {
  const { store, ui } = await start(t);
  const onTable = (): boolean => topScreen(store.getState()).id === 'table';
  await ui.waitFor((x) => x.includes('Running'), 'rows');
  await ui.press('S', () => store.getState().table.sort === 'status', 'sorted by status');
  await ui.press('/', (x) => x.includes('/▏'), 'typing a filter');
  await ui.press('web', (x) => x.includes('/web▏'), 'typed');
  await ui.press(KEYS.enter, (x) => !x.includes('▏'), 'filter kept');
  await ui.press('g', () => store.getState().table.cursor === 0, 'the first row');
  await ui.press('jj', () => store.getState().table.cursor === 2, 'two rows down');
  const at = store.getState().table;
  const pod = at.view[at.cursor]!.name;
  await ui.press('l', (x) => x.includes('Logs default/'), 'a log', 20_000);
  assert.match(ui.frame(), new RegExp(`Logs default/${pod}\\b`));
  await ui.press(KEYS.escape, onTable, 'back to the table');
  assert.equal(store.getState().table.view[store.getState().table.cursor]?.name, pod);
  await ui.press('d', () => topScreen(store.getState()).id === 'detail', 'the detail');
  const detail = topScreen(store.getState());
  assert.equal(detail.id === 'detail' ? detail.state.name : undefined, pod);
  await ui.press(KEYS.escape, onTable, 'back to the table');
  await ui.press('\u0004', (x) => x.includes('Delete pod'), 'the confirmation', 15_000);
  assert.match(ui.frame(), new RegExp(`Delete pod ${pod}\\?`));
});
