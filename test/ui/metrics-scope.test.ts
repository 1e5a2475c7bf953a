/** The usage the table needs: the namespaces on screen when few and small, else the pods on screen; all when sorted by usage. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LISTED_PODS, MAX_SCOPED_NAMESPACES, metricsScope, podsOnScreen } from '../../src/ui/metrics-scope.js';
import { initialTable, reduceTable } from '../../src/ui/screens/table-model.js';
import { row } from './fake-client.js';

test('metrics scope: the namespaces of the rows on screen; over too many namespaces the pods on screen; all when sorted by usage', () => {
  const rows = ['a', 'a', 'b', 'c', 'd', 'e'].map((ns, i) => row(`p${i}`, { namespace: ns }));
  let t = reduceTable(initialTable(), { type: 'pods', rows, at: new Date(0) });
  t = reduceTable(t, { type: 'viewport', rows: 3 });
  assert.deepEqual(metricsScope(t), ['a', 'b']);
  assert.deepEqual(podsOnScreen(t), ['a/p0', 'a/p1', 'b/p2']);
  t = reduceTable(t, { type: 'viewport', rows: 6 });
  assert.deepEqual(metricsScope(t), ['a/p0', 'a/p1', 'b/p2', 'c/p3', 'd/p4', 'e/p5'], `more than ${MAX_SCOPED_NAMESPACES} namespaces`);
  t = reduceTable(reduceTable(t, { type: 'viewport', rows: 2 }), { type: 'sort', key: 'cpu' });
  assert.equal(metricsScope(t), undefined, 'a usage sort needs every pod');
});

test('metrics scope: a namespace too large to list for a screenful is read pod by pod, a small one beside it is listed', () => {
  const big = Array.from({ length: MAX_LISTED_PODS + 1 }, (_, i) => row(`big-${String(i).padStart(5, '0')}`, { namespace: 'a' }));
  const rows = [...big, row('x', { namespace: 'b' })];
  let t = reduceTable(initialTable(), { type: 'pods', rows, at: new Date(0) });
  t = reduceTable(t, { type: 'viewport', rows: 2 });
  assert.deepEqual(metricsScope(t), ['a/big-00000', 'a/big-00001']);
  t = reduceTable(t, { type: 'edge', where: 'bottom' });
  assert.deepEqual(metricsScope(t), ['b', `a/big-${String(MAX_LISTED_PODS).padStart(5, '0')}`]);
});
