/** Issue 10 items 5 and 6: NAME shrinks last and in the middle; widths come from every row in view and only grow. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../src/ui/App.js';
import { fitMiddle, layoutColumns, measureColumns } from '../../src/ui/columns.js';
import { createStore } from '../../src/ui/store.js';
import { KEYS, renderSized } from '../helpers/ink.js';
import { row } from './fake-client.js';

const now = new Date('2026-06-01T00:00:00Z');

test('a name is cut in the middle, keeping the suffix that tells pods apart', () => {
  assert.equal(fitMiddle('catalog-7d4b9c8f-x2x9k', 17), 'catalog-7d…-x2x9k');
  assert.equal(fitMiddle('short', 8), 'short   ');
  assert.equal(fitMiddle('averyveryverylongnamewithoutdashes', 12).length, 12);
});

test('measuring only the rows not seen yet, grown from the widths before, gives the widths of measuring all', () => {
  const first = [row('a', { namespace: 'ns', status: 'Running' }), row('bb', { namespace: 'ns', status: 'Pending' })];
  const seen = new Set<(typeof first)[number]>();
  const before = measureColumns(first, now, undefined, seen);
  const changed = [first[0]!, row('bb', { namespace: 'ns', status: 'CrashLoopBackOff' }), row('a-longer-name', { namespace: 'ns2' })];
  const grown = measureColumns(changed, now, undefined, seen, before);
  const all = measureColumns([...first, ...changed], now);
  assert.deepEqual(grown, all);
  assert.deepEqual(measureColumns(changed, now, undefined, seen, grown), grown, 'nothing new: the same widths');
});

test('at 80 columns IP/NODE and then RESTARTS give way before NAME is cut; NAME is cut last', () => {
  const rows = [
    row('catalog-7d4b9c8f-x2x9k-with-a-long-name', { namespace: 'storefront-prod', restarts: '12 (5m8s ago)', restartCount: 12 }),
  ];
  const cols = layoutColumns(rows, true, 80, now);
  const ids = cols.map((c) => c.id);
  assert.ok(!ids.includes('ip') && !ids.includes('node'), ids.join());
  assert.ok(!ids.includes('restarts'), `RESTARTS gives way first: ${ids.join()}`);
  assert.equal(cols.find((c) => c.id === 'name')!.width, rows[0]!.name.length, 'NAME keeps its width');
  const narrow = layoutColumns(rows, true, 60, now);
  const total = narrow.reduce((n, c) => n + c.width, 0) + 3 * (narrow.length - 1);
  assert.ok(total <= 60, `fits: ${total}`);
  assert.ok(narrow.find((c) => c.id === 'name')!.width >= 12);
});

test('paging does not move columns: widths come from every row in view, not the visible page', async (t) => {
  const store = createStore();
  store.dispatch({
    type: 'target',
    target: { context: 'a', cluster: 'c', server: 'https://a', user: 'u', userOverridden: false, namespace: 'default' },
  });
  const rows = Array.from({ length: 30 }, (_, i) => row(`p-${String(i).padStart(2, '0')}`));
  rows.push(row('zz-a-much-longer-pod-name-on-the-last-page', { status: 'CrashLoopBackOff' }));
  store.dispatch({ type: 'pods', rows, at: now });
  const ui = renderSized(<App store={store} color={false} now={() => now} onQuit={() => undefined} />, 120, 12);
  t.after(() => ui.unmount());
  const header = (f: string): string => f.split('\n').find((l) => l.startsWith('NAME')) ?? '';
  const first = header(await ui.waitFor((x) => x.includes('p-00'), 'first page'));
  const last = header(await ui.press('G', (x) => x.includes('zz-a-much-longer'), 'last page'));
  assert.equal(first, last);
  assert.ok(first.indexOf('READY') > 'zz-a-much-longer-pod-name-on-the-last-page'.length, first);
  // A filter that hides the long row does not pull the columns back.
  await ui.press('/p-0', (x) => x.includes('/p-0'), 'filtered');
  const filtered = header(await ui.press(KEYS.enter, (x) => x.includes('p-09') && !x.includes('zz-a') && !x.includes('▏'), 'kept'));
  assert.equal(filtered, first);
});
