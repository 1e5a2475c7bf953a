/**
 * The table code's warm-up: once per process, after a list of WARM_ROWS pods or more, the other
 * sort orders of those rows are computed and cached, one step at a time, and the table is unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialTable, reduceTable } from '../../src/ui/screens/table-model.js';
import { hasCachedOrder } from '../../src/ui/sort-order.js';
import { WARM_ROWS, tableWarmer, warmTable } from '../../src/ui/warm-table.js';
import { row } from './fake-client.js';

const table = (n: number) =>
  reduceTable(initialTable(), {
    type: 'pods',
    rows: Array.from({ length: n }, (_, i) => row(`pod-${i}`, { status: i % 9 ? 'Running' : 'Error', restartCount: i % 4 })),
    at: new Date(0),
  });

test('the warm-up sorts the rows by status, age and restarts, one step per call of `later`, and leaves the table as it was', () => {
  const t = table(300);
  const steps: Array<() => void> = [];
  warmTable(
    () => t,
    (step) => steps.push(step),
  );
  for (const key of ['status', 'age', 'restarts'] as const) assert.equal(hasCachedOrder(t.rows, key), false);
  let ran = 0;
  while (steps.length > 0) {
    steps.shift()!();
    ran++;
  }
  assert.equal(ran, 4, 'three sort keys, then a filter');
  for (const key of ['status', 'age', 'restarts'] as const) assert.equal(hasCachedOrder(t.rows, key), true, key);
  assert.deepEqual(
    t.view.map((r) => r.name),
    t.sorted.map((r) => r.name),
  );
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
