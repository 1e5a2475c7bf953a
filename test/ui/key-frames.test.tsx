/** A key press is drawn at once, and a poll's answers are read one slice per turn of the event loop. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handleInput } from '../../src/ui/input.js';
import { createStore } from '../../src/ui/store.js';
import { Turns } from '../../src/ui/turns.js';
import { row } from './fake-client.js';

const now = (): Date => new Date('2026-06-01T00:00:00Z');
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('Turns: one waiter resumes per turn of the event loop, in the order they asked', async () => {
  const turns = new Turns();
  const resumed: string[] = [];
  for (const name of ['a', 'b', 'c']) void turns.take().then(() => resumed.push(name));
  assert.equal(resumed.join(''), '');
  await turn();
  assert.equal(resumed.join(''), 'a');
  await turn();
  assert.equal(resumed.join(''), 'ab');
  await turn();
  assert.equal(resumed.join(''), 'abc');
  // Asked again after all ran: a later turn again.
  void turns.take().then(() => resumed.push('d'));
  await turn();
  assert.equal(resumed.join(''), 'abcd');
});

test('store.flush tells the listeners now about changes waiting for their frame, and only then', () => {
  const store = createStore(undefined, 60_000);
  let told = 0;
  store.subscribe(() => told++);
  store.flush();
  assert.equal(told, 0, 'nothing waiting: nothing told');
  store.dispatch({ type: 'viewport', rows: 7 });
  store.dispatch({ type: 'viewport', rows: 8 });
  assert.equal(told, 0, 'changes wait for their frame');
  store.flush();
  assert.equal(told, 1);
  store.flush();
  assert.equal(told, 1);
});

test('a key press tells the screen at once: a refresh waiting for its frame is drawn with it', () => {
  // Frames at most once a minute: only a key press can draw before then.
  const store = createStore(undefined, 60_000);
  store.dispatch({
    type: 'target',
    target: { context: 'a', cluster: 'c', server: 'https://a', user: 'u', userOverridden: false, namespace: 'default' },
  });
  store.dispatch({ type: 'pods', rows: [row('web-1'), row('web-2')], at: now() });
  const seen: Array<{ cursor: number; rows: number }> = [];
  store.subscribe(() => seen.push({ cursor: store.getState().table.cursor, rows: store.getState().table.view.length }));
  store.dispatch({ type: 'pods', rows: [row('web-1'), row('web-2'), row('web-3')], at: now() });
  handleInput('j', {}, { store, quit: () => undefined, now });
  assert.deepEqual(seen, [{ cursor: 1, rows: 3 }]);
  // A paste makes one frame, not one per key.
  handleInput('jk', {}, { store, quit: () => undefined, now });
  assert.deepEqual(seen, [
    { cursor: 1, rows: 3 },
    { cursor: 1, rows: 3 },
  ]);
});
