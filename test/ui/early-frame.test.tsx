/** The early frame: the first rows drawn without Ink match what the App draws for the same state. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/App.js';
import { drawEarlyFrames, earlyFrameLines, INK_AT_THE_LATEST_MS, untilFirstRows } from '../../src/ui/early-frame.js';
import { failure } from '../../src/core/failure.js';
import { initialState } from '../../src/ui/state.js';
import { createStore } from '../../src/ui/store.js';
import { plain, renderSized } from '../helpers/ink.js';
import { row } from './fake-client.js';

const at = new Date('2026-06-01T00:00:00Z');
const now = (): Date => at;
const trim = (lines: string[]): string[] => lines.map((l) => plain(l).trimEnd());

function loadedStore(namespace: string | undefined) {
  const store = createStore(initialState(), 0);
  store.dispatch({
    type: 'target',
    target: { context: 'prod', cluster: 'c', server: 'https://k.example:6443', user: 'ann', userOverridden: false, namespace },
  });
  const rows = Array.from({ length: 60 }, (_, i) =>
    row(i === 3 ? `a-very-long-deployment-name-that-will-not-fit-${i}-7d4b9c8f-x2x9k` : `web-${String(i).padStart(2, '0')}`, {
      namespace: i % 2 ? 'shop' : 'kube-system',
      status: ['Running', 'CrashLoopBackOff', 'Pending', 'Completed'][i % 4]!,
      restarts: i % 3 ? '0' : '4 (5m ago)',
      restartCount: i % 3 ? 0 : 4,
      createdAt: new Date(at.getTime() - i * 3_600_000),
    }),
  );
  store.dispatch({ type: 'pods', rows, at });
  return store;
}

for (const namespace of [undefined, 'shop'])
  test(`the early frame draws the header, titles and rows the App draws (${namespace ?? 'all namespaces'})`, async () => {
    const store = loadedStore(namespace);
    const early = earlyFrameLines(store.getState(), { columns: 120, rows: 40, now: at, color: true });
    assert.ok(early, 'rows are drawn early');
    assert.equal(early.length, 3 + 34, 'the header, the titles and the rows that fit');
    const ui = renderSized(<App store={store} color={false} now={now} onQuit={() => undefined} />, 120, 40);
    try {
      const frame = await ui.waitFor((f) => f.includes('web-00'), 'rows');
      assert.deepEqual(trim(early), trim(frame.split('\n').slice(0, early.length)));
    } finally {
      ui.unmount();
    }
  });

test('nothing is drawn early before rows, or over another screen', () => {
  const store = createStore(initialState(), 0);
  const o = { columns: 80, rows: 24, now: at, color: false };
  assert.equal(earlyFrameLines(store.getState(), o), undefined);
  const loaded = loadedStore(undefined);
  loaded.dispatch({ type: 'push', screen: { id: 'help', state: {} } });
  assert.equal(earlyFrameLines(loaded.getState(), o), undefined);
});

test('early frames are written over the one before, once per change, and stop when asked', async () => {
  const store = createStore(initialState(), 0);
  const writes: string[] = [];
  const out = { write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  const early = drawEarlyFrames(store, out, () => ({ columns: 80, rows: 24, now: at, color: false }));
  // Listeners run in order: this one hears of a change after the early frame did.
  const notified = (): Promise<void> =>
    new Promise((resolve) => {
      const off = store.subscribe(() => {
        off();
        resolve();
      });
    });
  const loaded = loadedStore(undefined).getState();
  store.dispatch({ type: 'target', target: loaded.target! });
  let seen = notified();
  store.dispatch({ type: 'pods', rows: [...loaded.table.rows.values()], at });
  await seen;
  assert.equal(writes.length, 1);
  assert.ok(writes[0]!.startsWith('\u001b[H'), 'from home, without clearing first');
  assert.ok(!writes[0]!.includes('\u001b[2J'));
  seen = notified();
  store.dispatch({ type: 'message', text: 'same rows' });
  await seen;
  assert.equal(writes.length, 1, 'an unchanged frame is not written again');
  early.stop();
  seen = notified();
  store.dispatch({ type: 'pods', rows: [], at });
  await seen;
  assert.equal(writes.length, 1);
});

test('Ink is held back until the first rows, a failure, another screen, or the deadline', async (t) => {
  const rows = [...loadedStore(undefined).getState().table.rows.values()];
  const target = loadedStore(undefined).getState().target!;
  const order: string[] = [];
  const fresh = () => {
    const store = createStore(initialState(), 0);
    store.dispatch({ type: 'target', target });
    return store;
  };
  // Rows: resolves once they are in the store (the early frame, subscribed first, has drawn them).
  const a = fresh();
  const byRows = untilFirstRows(a, 60_000).then(() => order.push('rows'));
  a.dispatch({ type: 'pods', rows, at });
  await byRows;
  const b = fresh();
  const byFailure = untilFirstRows(b, 60_000).then(() => order.push('failure'));
  b.dispatch({ type: 'failed', failure: failure('connection.refused', 'refused') });
  await byFailure;
  const c = fresh();
  const byPicker = untilFirstRows(c, 60_000).then(() => order.push('picker'));
  c.dispatch({ type: 'push', screen: { id: 'help', state: {} } });
  await byPicker;
  assert.deepEqual(order, ['rows', 'failure', 'picker']);
  // A server that does not answer: the deadline.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let late = false;
  const byDeadline = untilFirstRows(fresh(), INK_AT_THE_LATEST_MS).then(() => (late = true));
  t.mock.timers.tick(INK_AT_THE_LATEST_MS - 1);
  await Promise.resolve();
  assert.equal(late, false);
  t.mock.timers.tick(1);
  await byDeadline;
  assert.equal(late, true);
});
