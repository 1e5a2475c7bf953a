/** The screen model through the rendered App: the stack, the generic Picker and Confirm screens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../../src/ui/App.js';
import { openPicker } from '../../../src/ui/pickers.js';
import { openConfirm } from '../../../src/ui/save.js';
import type { PickerChoice } from '../../../src/ui/screens/picker-model.js';
import { topScreen } from '../../../src/ui/state.js';
import { createStore } from '../../../src/ui/store.js';
import { KEYS, renderSized } from '../../helpers/ink.js';
import { row } from '../fake-client.js';

const now = (): Date => new Date('2026-06-01T00:00:00Z');

function setup() {
  const store = createStore();
  store.dispatch({
    type: 'target',
    target: { context: 'a', cluster: 'c', server: 'https://a', user: 'u', userOverridden: false, namespace: 'default' },
  });
  store.dispatch({ type: 'pods', rows: [row('web-1'), row('web-2')], at: now() });
  let quit = 0;
  const ui = renderSized(<App store={store} color={false} now={now} onQuit={() => quit++} />, 100, 24);
  return { store, ui, quits: () => quit };
}

test('Esc returns to the screen you came from: table → picker → help → picker → table', async (t) => {
  const { store, ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('web-1'), 'table');
  openPicker(store, 'Fruits', () => undefined)({ items: [{ id: 'apple', label: 'apple' }] });
  await ui.waitFor((x) => x.includes('Fruits') && x.includes('apple') && x.includes('Enter choose'), 'picker with its own footer');
  const f = await ui.press('?', (x) => x.includes('Keys (Esc or ? to go back)'), 'help over the picker');
  // Help starts with the keys of the screen below it.
  assert.ok(f.indexOf('── Picker') < f.indexOf('── Pod table'), f);
  await ui.press(KEYS.escape, (x) => x.includes('Fruits') && x.includes('apple'), 'back on the picker, not the table');
  await ui.press(KEYS.escape, (x) => x.includes('web-1') && !x.includes('Fruits'), 'then the table');
  assert.equal(topScreen(store.getState()).id, 'table');
  assert.equal(store.getState().stack.length, 1);
});

test('the generic Picker reports the choice through its callback, after closing; typed names when allowed', async (t) => {
  const { store, ui } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('web-1'), 'table');
  const chosen: Array<PickerChoice & { top: string }> = [];
  const onChoose = (c: PickerChoice): void => void chosen.push({ ...c, top: topScreen(store.getState()).id });
  const fill = openPicker(store, 'Fruits', onChoose);
  await ui.waitFor((x) => x.includes('Fruits (loading…)'), 'loading picker');
  fill({
    items: [
      { id: 'apple', label: 'apple' },
      { id: 'banana', label: 'banana', current: true },
      { id: 'cherry', label: 'cherry' },
    ],
  });
  await ui.waitFor((x) => x.includes('* banana'), 'items, current marked');
  await ui.press('j', () => true, 'down');
  await ui.press(KEYS.enter, (x) => !x.includes('Fruits'), 'closed');
  assert.deepEqual(chosen, [{ id: 'cherry', typed: false, top: 'table' }]);
  openPicker(store, 'Names', onChoose)({ items: [{ id: 'x', label: 'x' }], acceptTyped: true });
  await ui.waitFor((x) => x.includes('Names'), 'second picker');
  await ui.press('/kiwi', (x) => x.includes('filter: kiwi') && x.includes('Enter uses "kiwi"'), 'typed');
  await ui.press(KEYS.enter, (x) => !x.includes('Names'), 'closed');
  assert.deepEqual(chosen[1], { id: 'kiwi', typed: true, top: 'table' });
  // A fill for a closed picker is ignored.
  fill({ items: [] });
  assert.equal(topScreen(store.getState()).id, 'table');
});

test('the generic Confirm screen: y or Enter confirms, any other key cancels', async (t) => {
  const { store, ui, quits } = setup();
  t.after(() => ui.unmount());
  await ui.waitFor((x) => x.includes('web-1'), 'table');
  let confirmed = 0;
  const open = (): void =>
    openConfirm(store, {
      title: 'Delete pod web-1?',
      lines: ['pod web-1 in namespace default will be deleted'],
      onConfirm: () => confirmed++,
    });
  open();
  await ui.waitFor((x) => x.includes('Delete pod web-1?') && x.includes('will be deleted') && x.includes('y confirm'), 'confirm screen');
  await ui.press('y', (x) => x.includes('web-1') && !x.includes('Delete pod'), 'closed');
  assert.equal(confirmed, 1);
  for (const key of ['n', 'q', KEYS.escape, 'x']) {
    open();
    await ui.waitFor((x) => x.includes('Delete pod web-1?'), 'confirm screen again');
    await ui.press(key, (x) => !x.includes('Delete pod'), `cancelled by ${JSON.stringify(key)}`);
  }
  assert.equal(confirmed, 1, 'nothing else confirms');
  assert.equal(quits(), 0, 'q on a confirm cancels, it does not quit');
  open();
  await ui.waitFor((x) => x.includes('Delete pod web-1?'), 'confirm screen again');
  await ui.press(KEYS.enter, (x) => !x.includes('Delete pod'), 'Enter confirms');
  assert.equal(confirmed, 2);
});
