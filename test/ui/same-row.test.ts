/** Refreshes that change nothing keep the table's rows and arrays, so nothing is drawn again. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, type UiState } from '../../src/ui/state.js';
import { reuseRows, sameRow } from '../../src/ui/same-row.js';
import { row } from './fake-client.js';
import { RowMap } from '../../src/ui/row-map.js';

const at = new Date('2026-06-01T00:00:00Z');
const later = new Date('2026-06-01T00:00:02Z');
const pods = () => [row('a'), row('b', { restartCount: 2 }), row('c')];

test('rows equal in every shown field are the same row; any difference is not', () => {
  assert.ok(sameRow(row('a'), row('a')));
  assert.ok(!sameRow(row('a'), row('a', { restartCount: 1 })));
  assert.ok(!sameRow(row('a', { labels: { app: 'x' } }), row('a', { labels: { app: 'y' } })));
  const { rows, changed } = reuseRows(RowMap.of([row('a')]), [row('a'), row('b')]);
  assert.ok(changed);
  assert.equal(rows.size, 2);
});

test('an identical poll keeps rows, order and view (the same objects) and only moves the refresh time', () => {
  let s: UiState = reduce(initialState(), { type: 'pods', at, rows: pods() });
  const before = s.table;
  s = reduce(s, { type: 'pods', at: later, rows: pods() });
  assert.equal(s.table.rows, before.rows);
  assert.equal(s.table.sorted, before.sorted);
  assert.equal(s.table.view, before.view);
  assert.deepEqual(s.table.lastGood, later);
  // One changed pod: a new view, the unchanged rows are still the same objects.
  s = reduce(s, { type: 'pods', at: later, rows: [row('a'), row('b', { restartCount: 3 }), row('c')] });
  assert.notEqual(s.table.view, before.view);
  assert.equal(s.table.view[0], before.view[0]);
  assert.equal(s.table.view[1]!.restartCount, 3);
});

test('watch events that change nothing shown leave the view as it was', () => {
  let s: UiState = reduce(initialState(), { type: 'pods', at, rows: pods() });
  const view = s.table.view;
  s = reduce(s, { type: 'changes', at: later, upserts: [row('a')], deletes: ['no-such-key'] });
  assert.equal(s.table.view, view);
  s = reduce(s, { type: 'changes', at: later, upserts: [row('a', { status: 'Error' })], deletes: [] });
  assert.equal(s.table.view.find((r) => r.name === 'a')!.status, 'Error');
});

test('reuseRows: the old rows themselves in their order are the old map; otherwise what came, changed and went', () => {
  const old = RowMap.of(pods());
  const same = reuseRows(old, [...old.values()]);
  assert.equal(same.rows, old);
  assert.ok(!same.changed);
  // Equal rows (not the same objects) are kept too.
  assert.ok(!reuseRows(old, pods()).changed);
  const b3 = row('b', { restartCount: 3 });
  const d = row('d');
  const r = reuseRows(old, [row('a'), b3, d]);
  assert.ok(r.changed);
  assert.deepEqual(r.upserts, [b3, d]);
  assert.deepEqual(r.deletes, [row('c').key]);
  assert.equal(r.rows.get(row('a').key), old.get(row('a').key));
  // A key listed twice: the last row counts, once.
  const twice = reuseRows(old, [row('a'), row('b', { restartCount: 9 }), row('b', { restartCount: 2 }), row('c')]);
  assert.ok(!twice.changed);
});

test('a poll that changed a few rows keeps the selection on its pod and moves only the changed rows', () => {
  let s: UiState = reduce(initialState(), { type: 'pods', at, rows: pods() });
  s = reduce(s, { type: 'sort', key: 'restarts' });
  s = reduce(s, { type: 'move', delta: 1 });
  const selected = s.table.selectedKey;
  assert.equal(s.table.view[1]!.name, 'a');
  // c gains restarts (moves to the top), d comes, b goes.
  s = reduce(s, { type: 'pods', at: later, rows: [row('a'), row('c', { restartCount: 5 }), row('d')] });
  assert.deepEqual(
    s.table.view.map((r) => r.name),
    ['c', 'a', 'd'],
  );
  assert.equal(s.table.selectedKey, selected);
  assert.equal(s.table.view[s.table.cursor]!.key, selected);
});

test('reuseRows: the same pods in the same order with one changed: that row replaced in place, the rest the old objects, the old map untouched', () => {
  const old = RowMap.of(pods());
  const b3 = row('b', { restartCount: 3 });
  const r = reuseRows(old, [row('a'), b3, row('c')]);
  assert.ok(r.changed);
  assert.deepEqual(r.upserts, [b3]);
  assert.deepEqual(r.deletes, []);
  assert.deepEqual([...r.rows.keys()], [...old.keys()]);
  assert.equal(r.rows.get(b3.key), b3);
  assert.equal(r.rows.get(row('a').key), old.get(row('a').key));
  assert.notEqual(r.rows, old);
  assert.notEqual(old.get(b3.key), b3);
  // The same pods in another order: still what changed, and nothing lost.
  const swapped = reuseRows(old, [row('c'), b3, row('a')]);
  assert.deepEqual(swapped.upserts, [b3]);
  assert.equal(swapped.rows.size, 3);
});

test('reuseRows: a pod added by an earlier poll and listed among the others does not make every later row a lookup', () => {
  // The index keeps a new pod's slot at its end; the server lists it in its namespace's place.
  const listed = Array.from({ length: 1000 }, (_, i) => row(`p${String(i).padStart(4, '0')}`));
  const added = row('p0100x');
  const before = RowMap.of(listed).with([added], []);
  const poll = [...listed.slice(0, 101), added, ...listed.slice(101)];
  const slotOf = RowMap.prototype.slotOf;
  let lookups = 0;
  RowMap.prototype.slotOf = function (key: string) {
    lookups++;
    return slotOf.call(this, key);
  };
  try {
    const { changed } = reuseRows(before, poll);
    assert.equal(changed, false);
    assert.ok(lookups <= 5, `${lookups} rows looked up by key`);
    // Ten pods gone from the middle: the rows after them are found in their slots again.
    lookups = 0;
    const { deletes } = reuseRows(before, [...poll.slice(0, 500), ...poll.slice(510)]);
    assert.equal(deletes.length, 10);
    assert.ok(lookups <= 5, `${lookups} rows looked up by key after a gap`);
  } finally {
    RowMap.prototype.slotOf = slotOf;
  }
});
