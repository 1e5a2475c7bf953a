/**
 * The table code's warm-up: once per process, after a list of WARM_ROWS pods or more, a copy of
 * those rows is sorted by status, age and restarts and the rows are filtered, one step at a time;
 * the table is unchanged and no order is cached for its own rows (it would be carried along).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialTable, reduceTable } from '../../src/ui/screens/table-model.js';
import { filterRows } from '../../src/ui/rows.js';
import { hasCachedOrder, sortOrder } from '../../src/ui/sort-order.js';
import { WARM_ROWS, tableWarmer, warmTable } from '../../src/ui/warm-table.js';
import { row } from './fake-client.js';

const table = (n: number) =>
  reduceTable(initialTable(), {
    type: 'pods',
    rows: Array.from({ length: n }, (_, i) => row(`pod-${i}`, { status: i % 9 ? 'Running' : 'Error', restartCount: i % 4 })),
    at: new Date(0),
  });

test('the warm-up sorts a copy of the rows by status, age and restarts, then filters, one step per call of `later`', () => {
  const t = table(300);
  const steps: Array<() => void> = [];
  const sorted: string[] = [];
  let filtered = 0;
  warmTable(
    () => t,
    (step) => steps.push(step),
    {
      sort: (rows, key, ...rest) => {
        assert.notEqual(rows, t.rows, 'a copy');
        assert.deepEqual([...rows.keys()], [...t.rows.keys()]);
        sorted.push(key);
        return sortOrder(rows, key, ...rest);
      },
      filter: (rows, ...rest) => {
        filtered++;
        return filterRows(rows, ...rest);
      },
    },
  );
  let ran = 0;
  while (steps.length > 0) {
    steps.shift()!();
    ran++;
  }
  assert.equal(ran, 4);
  assert.deepEqual(sorted, ['status', 'age', 'restarts']);
  assert.equal(filtered, 1);
  for (const key of ['status', 'age', 'restarts'] as const) assert.equal(hasCachedOrder(t.rows, key), false, key);
});

test('a warmer: not for small lists, then once', () => {
  const warmTableOnce = tableWarmer();
  const big = table(WARM_ROWS);
  const steps: Array<() => void> = [];
  warmTableOnce(
    WARM_ROWS - 1,
    () => big,
    (step) => steps.push(step),
  );
  assert.equal(steps.length, 0);
  warmTableOnce(
    WARM_ROWS,
    () => big,
    (step) => steps.push(step),
  );
  assert.equal(steps.length, 1);
  warmTableOnce(
    WARM_ROWS,
    () => big,
    (step) => steps.push(step),
  );
  assert.equal(steps.length, 1, 'the second large list warms nothing');
});
