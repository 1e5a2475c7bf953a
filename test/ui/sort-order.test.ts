import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortRows, type SortKey } from '../../src/ui/rows.js';
import { sortOrder } from '../../src/ui/sort-order.js';
import type { UsageByPod, PodUsageView } from '../../src/ui/metrics-feed.js';
import type { PodRow } from '../../src/core/client/types.js';
import { parseAgeCell } from '../../src/ui/age.js';
import { initialTable, reduceTable } from '../../src/ui/screens/table-model.js';
import { row } from './fake-client.js';

const KEYS: SortKey[] = ['name', 'status', 'restarts', 'age', 'cpu', 'memory'];
const STATUSES = ['Running', 'Pending', 'Completed', 'Error', 'CrashLoopBackOff', 'Init:0/2', 'Init:Error', 'Terminating', 'Unknown'];
const AGE_CELLS = ['5s', '59m', '2d3h', '1y', '10m', '10m', 'garbage', ''];

/** Usage for some of `rows` (others have none: they sort last), with ties in CPU and memory. */
function usageFor(rows: readonly PodRow[], picks: readonly number[]): UsageByPod {
  const m = new Map<string, PodUsageView>();
  rows.forEach((r, i) => {
    const p = picks[i % picks.length] ?? 0;
    if (p === 0) return;
    m.set(`${r.namespace}/${r.name}`, { cells: { cpuMillis: p % 3, memoryBytes: p % 4 } } as unknown as PodUsageView);
  });
  return m;
}

const rowArb = fc.record({
  ns: fc.constantFrom('default', 'kube-system', 'a', 'B', 'z-ns'),
  name: fc.constantFrom('web', 'web-1', 'Web-2', 'api', 'db-0', 'db-10', 'db-9', 'é-pod', 'x'),
  status: fc.constantFrom(...STATUSES),
  restarts: fc.constantFrom(0, 0, 1, 3, 3, 12),
  // A creation time (some equal), a server AGE cell only (some equal, some unreadable), or nothing.
  age: fc.oneof(
    fc.constantFrom(0, 1000, 1000, 86_400_000).map((ms) => ({ createdAt: new Date(1_700_000_000_000 + ms) })),
    fc.constantFrom(...AGE_CELLS).map((ageCell) => ({ ageCell })),
    fc.constant({}),
  ),
});

interface Spec {
  ns: string;
  name: string;
  status: string;
  restarts: number;
  age: { createdAt?: Date; ageCell?: string };
}

function build(specs: readonly Spec[]): Map<string, PodRow> {
  const rows = new Map<string, PodRow>();
  for (const s of specs) {
    const { createdAt: _c, ...base } = row(s.name, { namespace: s.ns, status: s.status, restartCount: s.restarts });
    const r: PodRow = { ...base, key: `${s.ns}/${s.name}`, ...s.age };
    // One pod per namespace/name, as a list has.
    if (!rows.has(r.key)) rows.set(r.key, r);
  }
  return rows;
}

const keysOf = (rows: readonly PodRow[]): string[] => rows.map((r) => r.key);

test('sortOrder gives the same order as sortRows for every key, both ways, on tricky rows', () => {
  fc.assert(
    fc.property(fc.array(rowArb, { maxLength: 40 }), fc.array(fc.nat(5), { minLength: 1, maxLength: 7 }), (specs, picks) => {
      const rows = build(specs);
      const usage = usageFor([...rows.values()], picks);
      for (const key of KEYS)
        for (const reverse of [false, true]) {
          const want = keysOf(sortRows(rows.values(), key, usage, reverse));
          // Twice: the second answer comes from the cache and must be the same.
          assert.deepEqual(keysOf(sortOrder(rows, key, usage, reverse)), want, `${key} reverse=${reverse}`);
          assert.deepEqual(keysOf(sortOrder(rows, key, usage, reverse)), want, `${key} reverse=${reverse} (cached)`);
        }
    }),
    { numRuns: 300 },
  );
});

test('sortOrder by age on rows with only server AGE cells (a poll: cells ranked once) gives the order of sortRows', () => {
  fc.assert(
    fc.property(fc.array(rowArb, { maxLength: 40 }), (specs) => {
      const rows = build(specs.map((s) => ({ ...s, age: 'createdAt' in s.age ? {} : s.age })));
      for (const reverse of [false, true])
        assert.deepEqual(keysOf(sortOrder(rows, 'age', undefined, reverse)), keysOf(sortRows(rows.values(), 'age', undefined, reverse)));
    }),
    { numRuns: 300 },
  );
});

test('sortOrder: equal keys fall back to namespace/name; unknown ages and pods without usage sort last', () => {
  const rows = build([
    { ns: 'b', name: 'x', status: 'Running', restarts: 3, age: { ageCell: '5m' } },
    { ns: 'a', name: 'y', status: 'Running', restarts: 3, age: { ageCell: '5m' } },
    { ns: 'a', name: 'x', status: 'Error', restarts: 0, age: {} },
    { ns: 'a', name: 'z', status: 'Pending', restarts: 12, age: { ageCell: '10s' } },
  ]);
  assert.deepEqual(keysOf(sortOrder(rows, 'restarts')), ['a/z', 'a/y', 'b/x', 'a/x']);
  assert.deepEqual(keysOf(sortOrder(rows, 'age')), ['a/z', 'a/y', 'b/x', 'a/x']);
  assert.deepEqual(keysOf(sortOrder(rows, 'status')), ['a/x', 'a/z', 'a/y', 'b/x']);
  assert.deepEqual(keysOf(sortOrder(rows, 'status', undefined, true)), ['b/x', 'a/y', 'a/z', 'a/x']);
  const usage = usageFor([...rows.values()], [1, 0, 2, 2]);
  assert.deepEqual(keysOf(sortOrder(rows, 'cpu', usage)), keysOf(sortRows(rows.values(), 'cpu', usage)));
});

test('sortOrder hands out its own array: changing it does not change a later answer', () => {
  const rows = build([
    { ns: 'a', name: 'x', status: 'Running', restarts: 0, age: {} },
    { ns: 'a', name: 'y', status: 'Running', restarts: 0, age: {} },
  ]);
  const first = sortOrder(rows, 'name');
  first.reverse();
  assert.deepEqual(keysOf(sortOrder(rows, 'name')), ['a/x', 'a/y']);
});

/** The AGE cell reader as it was (a regular expression), the oracle for the hand-written one. */
function parseAgeCellByRegex(cell: string): number | undefined {
  const unitMs: Record<string, number> = { y: 365 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
  if (!/^(\d+y)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?$/.test(cell) || cell === '') return undefined;
  let ms = 0;
  for (const m of cell.matchAll(/(\d+)([ydhms])/g)) ms += Number(m[1]) * unitMs[m[2]!]!;
  return ms;
}

test('parseAgeCell reads every cell as the regular expression did', () => {
  const cell = fc.array(fc.constantFrom('0', '1', '7', '9', '12', 'y', 'd', 'h', 'm', 's', 'x', ' ', '<', '٣'), { maxLength: 8 });
  fc.assert(
    fc.property(cell, (parts) => {
      const text = parts.join('');
      assert.equal(parseAgeCell(text), parseAgeCellByRegex(text), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
  for (const text of ['', '5s', '2d3h', '1y2d3h4m5s', '3h2d', '5m5m', 'm', '5', '05m', '<unknown>', '99999999999999999999y'])
    assert.equal(parseAgeCell(text), parseAgeCellByRegex(text), text);
});

test('the table keeps sorting like sortRows after refreshes and watch batches (orders carried over)', () => {
  fc.assert(
    fc.property(
      fc.array(rowArb, { maxLength: 30 }),
      fc.array(
        fc.tuple(
          fc.constantFrom<SortKey>('name', 'status', 'restarts', 'age'),
          fc.array(rowArb, { maxLength: 6 }),
          fc.boolean(),
          fc.array(fc.nat(), { maxLength: 3 }),
        ),
        { maxLength: 6 },
      ),
      (first, steps) => {
        let s = reduceTable(initialTable(), { type: 'pods', rows: [...build(first).values()], at: new Date(0) });
        for (const [key, batch, asWatch, gone] of steps) {
          // Some rows change their cells (same keys), some come, some go; a watch batch merges them.
          const changed = [...build(batch).values()];
          const keys = [...s.rows.keys()];
          const deletes = keys.length === 0 ? [] : gone.map((i) => keys[i % keys.length]!);
          const polled = new Map([...s.rows, ...changed.map((r) => [r.key, r] as const)]);
          for (const k of deletes) if (!changed.some((r) => r.key === k)) polled.delete(k);
          s = asWatch
            ? reduceTable(s, {
                type: 'changes',
                upserts: changed,
                deletes: deletes.filter((k) => polled.has(k) === false),
                at: new Date(0),
              })
            : reduceTable(s, { type: 'pods', rows: [...polled.values()], at: new Date(0) });
          assert.deepEqual(keysOf(s.sorted), keysOf(sortRows(s.rows.values(), s.sort, undefined, s.reverse)));
          s = reduceTable(s, { type: 'sort', key });
          assert.deepEqual(keysOf(s.sorted), keysOf(sortRows(s.rows.values(), s.sort, undefined, s.reverse)));
        }
      },
    ),
    { numRuns: 300 },
  );
});
