import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, topScreen, type Action, type UiState } from '../../src/ui/state.js';
import { fillPicker, newPicker, pickerChoice, pickerMove, pickerQuery } from '../../src/ui/screens/picker-model.js';
import { forbidden, row } from './fake-client.js';

const at = new Date('2026-06-01T00:00:00Z');
const target = { context: 'a', cluster: 'c', server: 'https://x', user: 'u', userOverridden: false, namespace: 'default' };
const run = (s: UiState, ...as: Action[]): UiState => as.reduce(reduce, s);

test('pods are sorted, and the selection follows the pod (by key) across refreshes and re-sorts', () => {
  let s = run(initialState(), { type: 'target', target }, { type: 'viewport', rows: 2 });
  s = reduce(s, { type: 'pods', at, rows: [row('b', { restartCount: 5 }), row('a'), row('c', { restartCount: 1 })] });
  assert.deepEqual(
    s.table.view.map((r) => r.name),
    ['a', 'b', 'c'],
  );
  s = reduce(s, { type: 'move', delta: 1 });
  assert.equal(s.table.selectedKey, row('b').key);
  s = reduce(s, { type: 'sort', key: 'restarts' });
  assert.deepEqual(
    s.table.view.map((r) => r.name),
    ['b', 'c', 'a'],
  );
  assert.equal(s.table.cursor, 0);
  assert.equal(s.table.selectedKey, row('b').key);
  // A refresh that adds a pod in front keeps the same pod selected.
  s = reduce(s, {
    type: 'pods',
    at,
    rows: [row('a'), row('b', { restartCount: 5 }), row('c', { restartCount: 1 }), row('z', { restartCount: 9 })],
  });
  assert.equal(s.table.view[s.table.cursor]!.name, 'b');
  assert.equal(s.table.cursor, 1);
});

test('the window follows the cursor; paging and g/G move by the viewport', () => {
  const rows = Array.from({ length: 50 }, (_, i) => row(`p${String(i).padStart(2, '0')}`));
  let s = run(initialState(), { type: 'target', target }, { type: 'viewport', rows: 10 }, { type: 'pods', at, rows });
  s = reduce(s, { type: 'page', dir: 1 });
  assert.equal(s.table.cursor, 10);
  assert.ok(s.table.cursor >= s.table.top && s.table.cursor < s.table.top + 10);
  s = reduce(s, { type: 'edge', where: 'bottom' });
  assert.equal(s.table.cursor, 49);
  assert.equal(s.table.top, 40);
  s = reduce(s, { type: 'move', delta: -100 });
  assert.equal(s.table.cursor, 0);
  assert.equal(s.table.top, 0);
});

test('a failure keeps the rows, marks them stale; the next success clears it and records what resolved', () => {
  let s = run(initialState(), { type: 'target', target }, { type: 'pods', at, rows: [row('a')] });
  s = reduce(s, { type: 'failed', failure: forbidden });
  assert.equal(s.table.stale, true);
  assert.equal(s.table.view.length, 1);
  assert.equal(s.table.failure?.code, 'authorization.forbidden');
  s = reduce(s, { type: 'pods', at, rows: [row('a')] });
  assert.equal(s.table.stale, false);
  assert.equal(s.table.failure, undefined);
  assert.equal(s.table.resolved, forbidden.summary);
  s = reduce(s, { type: 'resolved-dismiss' });
  assert.equal(s.table.resolved, undefined);
});

test('a failure before any data is not stale; a new target clears rows but keeps the filter and sort', () => {
  let s = run(initialState(), { type: 'target', target }, { type: 'failed', failure: forbidden });
  assert.equal(s.table.stale, false);
  s = run(s, { type: 'pods', at, rows: [row('web-1'), row('db-1')] }, { type: 'filter-set', text: 'web' }, { type: 'sort', key: 'age' });
  assert.deepEqual(
    s.table.view.map((r) => r.name),
    ['web-1'],
  );
  s = reduce(s, { type: 'target', target: { ...target, context: 'b' } });
  assert.equal(s.table.rows.size, 0);
  assert.equal(s.table.filter, 'web');
  assert.equal(s.table.sort, 'age');
  assert.deepEqual(s.table.loading, { loaded: 0 });
});

test('watch changes apply as one batch: upserts and deletes', () => {
  let s = run(initialState(), { type: 'target', target }, { type: 'pods', at, rows: [row('a'), row('b')] });
  s = reduce(s, { type: 'changes', at, upserts: [row('c'), row('a', { status: 'Error' })], deletes: [row('b').key] });
  assert.deepEqual(
    s.table.view.map((r) => `${r.name}:${r.status}`),
    ['a:Error', 'c:Running'],
  );
});

test('filter: the name part filters locally, -l is left to the server, clearing shows every row', () => {
  let s = run(
    initialState(),
    { type: 'target', target },
    {
      type: 'pods',
      at,
      rows: [
        row('web-1', { labels: { app: 'web', tier: 'fe' } }),
        row('web-2', { labels: { app: 'web', tier: 'db' } }),
        row('db', { labels: { app: 'db' } }),
      ],
    },
    { type: 'filter-set', text: 'web -l app=web,tier!=db' },
  );
  assert.deepEqual(
    s.table.view.map((r) => r.name),
    ['web-1', 'web-2'],
  );
  s = reduce(s, { type: 'filter-set', text: '' });
  assert.equal(s.table.view.length, 3);
});

test('picker: the current entry is highlighted, typing filters, typed names are accepted when allowed', () => {
  let p = newPicker('Namespaces', () => undefined);
  assert.equal(p.loading, true);
  p = fillPicker(p, {
    acceptTyped: true,
    items: [
      { id: '\u0000all', label: 'all namespaces' },
      { id: 'dev', label: 'dev', current: true },
      { id: 'prod', label: 'prod' },
    ],
  });
  assert.equal(p.index, 1);
  assert.deepEqual(pickerChoice(p), { id: 'dev', typed: false });
  p = pickerQuery(p, 'pro', true);
  assert.deepEqual(pickerChoice(p), { id: 'pro', typed: true });
  p = pickerQuery(p, 'prod', true);
  assert.deepEqual(pickerChoice(p), { id: 'prod', typed: false });
  p = pickerQuery(p, 'staging', true);
  assert.deepEqual(pickerChoice(p), { id: 'staging', typed: true });
  p = pickerMove(pickerQuery(p, '', false), 5);
  assert.equal(p.index, 2);
});

test('the screen stack: push and pop return to the screen below; the base stays; updates find their screen by key', () => {
  let s = initialState();
  assert.equal(topScreen(s).id, 'table');
  s = reduce(s, { type: 'pop' });
  assert.equal(s.stack.length, 1, 'the base screen is never popped');
  s = reduce(s, { type: 'push', screen: { id: 'picker', state: newPicker('Contexts', () => undefined) } });
  const pickerKey = topScreen(s).key;
  s = reduce(s, { type: 'push', screen: { id: 'help', state: {} } });
  // A late update to the picker (its items arrived) lands on it although help is on top.
  s = reduce(s, {
    type: 'update',
    key: pickerKey,
    screen: {
      id: 'picker',
      state: fillPicker(
        newPicker('Contexts', () => undefined),
        { items: [{ id: 'a', label: 'a' }] },
      ),
    },
  });
  assert.equal(topScreen(s).id, 'help');
  s = reduce(s, { type: 'pop' });
  const top = topScreen(s);
  assert.equal(top.id, 'picker');
  assert.equal(top.id === 'picker' ? top.state.items.length : -1, 1);
  s = reduce(s, { type: 'pop' });
  assert.equal(topScreen(s).id, 'table');
  // Once closed, an update for it is ignored.
  assert.equal(reduce(s, { type: 'update', key: pickerKey, screen: { id: 'picker', state: newPicker('x', () => undefined) } }), s);
  s = reduce(s, { type: 'base', screen: { id: 'noconfig', state: {} } });
  assert.deepEqual(
    s.stack.map((e) => e.id),
    ['noconfig'],
  );
});

test('frames are skipped when only off-screen rows change', async () => {
  const { visibleSignature } = await import('../../src/ui/App.js');
  const rows = Array.from({ length: 100 }, (_, i) => row(`p${String(i).padStart(3, '0')}`));
  let s = run(initialState(), { type: 'target', target }, { type: 'viewport', rows: 10 }, { type: 'pods', at, rows });
  const before = visibleSignature(s, at);
  const same = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  s = reduce(s, { type: 'changes', at, upserts: [{ ...rows[50]!, ready: '0/1' }], deletes: [] });
  assert.ok(same(before, visibleSignature(s, at)), 'off-screen change: same signature');
  s = reduce(s, { type: 'changes', at, upserts: [{ ...rows[3]!, ready: '0/1' }], deletes: [] });
  assert.ok(!same(before, visibleSignature(s, at)), 'on-screen change: new signature');
});

test('watch batches keep the sort: moved and new rows merge into place, deletions drop out', async () => {
  const { sortRows } = await import('../../src/ui/rows.js');
  const rows = Array.from({ length: 200 }, (_, i) => row(`p${i}`, { restartCount: (i * 37) % 11 }));
  let s = run(initialState('restarts'), { type: 'target', target }, { type: 'pods', at, rows });
  const upserts = [
    row('p5', { restartCount: 99 }),
    row('new-1', { restartCount: 3 }),
    row('p7', { ready: '0/1', restartCount: (7 * 37) % 11 }),
  ];
  s = reduce(s, { type: 'changes', at, upserts, deletes: [row('p9').key] });
  const expected = sortRows(s.table.rows.values(), 'restarts').map((r) => r.key);
  assert.deepEqual(
    s.table.sorted.map((r) => r.key),
    expected,
  );
  assert.equal(s.table.view[0]!.name, 'p5');
  assert.ok(!s.table.view.some((r) => r.name === 'p9'));
  assert.equal(s.table.view.find((r) => r.name === 'p7')!.ready, '0/1');
});

test('typing a filter on (each text extending, or not, the last) shows what filtering every row would show, in order', () => {
  const names = ['web-1', 'web-12', 'Web-2', 'api-web', 'db-1', 'db-web-10', 'webhook', 'x'];
  const texts = ['', 'w', 'we', 'web', 'web-1', 'web-12', 'web-1', 'web', 'eb', 'b-1', '', 'WE', 'we -l app=x', 'web -l app=x', 'd', 'db'];
  let s = run(
    initialState(),
    { type: 'target', target },
    { type: 'pods', at, rows: names.map((n) => row(n)) },
    { type: 'sort', key: 'restarts' },
  );
  for (const text of texts) {
    s = reduce(s, { type: 'filter-set', text });
    const fresh = run(
      initialState(),
      { type: 'target', target },
      { type: 'pods', at, rows: names.map((n) => row(n)) },
      { type: 'sort', key: 'restarts' },
      { type: 'filter-set', text },
    );
    assert.deepEqual(
      s.table.view.map((r) => r.name),
      fresh.table.view.map((r) => r.name),
      `after typing "${text}"`,
    );
  }
});
