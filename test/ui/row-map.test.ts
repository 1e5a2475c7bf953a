/** The table's rows as versions sharing one key index: each version sees only its own rows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowMap } from '../../src/ui/row-map.js';
import { row } from './fake-client.js';

const names = (m: RowMap): string[] => [...m.values()].map((r) => r.name);

test('a version with rows set and removed leaves the one it came from as it was', () => {
  const v1 = RowMap.of([row('a'), row('b'), row('c')]);
  const b2 = row('b', { restartCount: 2 });
  const v2 = v1.with([b2, row('d')], [row('a').key]);
  assert.deepEqual(names(v1), ['a', 'b', 'c']);
  assert.equal(v1.size, 3);
  assert.equal(v1.get(b2.key)!.restartCount, 0);
  assert.ok(!v1.has(row('d').key));
  // Replaced in place, removed, new at the end.
  assert.deepEqual(names(v2), ['b', 'c', 'd']);
  assert.equal(v2.size, 3);
  assert.equal(v2.get(b2.key), b2);
  assert.ok(!v2.has(row('a').key));
  assert.deepEqual([...v2.keys()], [row('b').key, row('c').key, row('d').key]);
  assert.deepEqual(
    [...v2].map(([k]) => k),
    [...v2.keys()],
  );
});

test('versions made from the same one are independent, and a key comes back into its own place', () => {
  const v1 = RowMap.of([row('a'), row('b')]);
  const withX = v1.with([row('x')], []);
  const withY = v1.with([row('y')], []);
  assert.deepEqual(names(withX), ['a', 'b', 'x']);
  assert.deepEqual(names(withY), ['a', 'b', 'y']);
  assert.ok(!withY.has(row('x').key));
  assert.equal(withY.size, 3);
  const noA = withY.with([], [row('a').key]);
  const backA = noA.with([row('a', { status: 'Error' })], []);
  assert.deepEqual(names(backA), ['a', 'b', 'y']);
  assert.equal(backA.get(row('a').key)!.status, 'Error');
  assert.equal(noA.size, 2);
  assert.equal(backA.size, 3);
  // Removing what is not there changes nothing.
  assert.equal(backA.with([], ['default/nope']).size, 3);
});

test('a key listed twice keeps the last row; a version with most slots empty is compacted', () => {
  const m = RowMap.of([row('a'), row('b', { restartCount: 1 }), row('b', { restartCount: 5 })]);
  assert.equal(m.size, 2);
  assert.equal(m.get(row('b').key)!.restartCount, 5);
  const many = RowMap.of(Array.from({ length: 300 }, (_, i) => row(`p${i}`)));
  const few = many.with(
    [],
    many
      .list()
      .slice(0, 290)
      .map((r) => r.key),
  );
  assert.equal(few.size, 10);
  assert.equal(few.slotCount, 10);
  assert.deepEqual(names(few), ['p290', 'p291', 'p292', 'p293', 'p294', 'p295', 'p296', 'p297', 'p298', 'p299']);
  // The old version still has every row.
  assert.equal(many.size, 300);
  assert.equal(many.get(row('p0').key)!.name, 'p0');
  const seen: string[] = [];
  few.forEach((r, k) => seen.push(k));
  assert.equal(seen.length, 10);
});

test('pods per namespace: counted once, then carried from version to version by what came and went', () => {
  const v1 = RowMap.of([row('a', { namespace: 'x' }), row('b', { namespace: 'x' }), row('c', { namespace: 'y' })]);
  assert.equal(v1.namespaceCount('x'), 2);
  const v2 = v1.with([row('d', { namespace: 'y' }), row('a', { namespace: 'x', status: 'Error' })], [row('b', { namespace: 'x' }).key]);
  const v3 = v2.with([row('e', { namespace: 'z' })], [row('c', { namespace: 'y' }).key]);
  const recount = (m: RowMap, ns: string): number => [...m.values()].filter((r) => r.namespace === ns).length;
  for (const m of [v2, v3])
    for (const ns of ['x', 'y', 'z', 'none']) assert.equal(m.namespaceCount(ns), recount(m, ns), `${ns} in ${names(m).join(',')}`);
  // A version made from one never counted counts itself.
  const v4 = v1.with([row('f', { namespace: 'x' })], []).with([row('g', { namespace: 'x' })], []);
  assert.equal(v4.namespaceCount('x'), 4);
  assert.equal(v1.namespaceCount('x'), 2);
});
